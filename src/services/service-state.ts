// Service states (events.ServiceState) with the numbers the API's ServiceStateEvent.Action carries.

export const SERVICE_STATES = [
  'Initialized',
  'Preparing',
  'Waiting',
  'Running',
  'Stopping',
  'Finished',
  'Failed',
  'Skipped',
  'Starting',
] as const;

export type ServiceState = (typeof SERVICE_STATES)[number];

/** The protobuf action number of a state: Initialized 0 … Skipped 7, Starting 8. */
export function serviceStateNumber(state: ServiceState): number {
  return SERVICE_STATES.indexOf(state);
}

/** Terminal states: the service's start sequence is over ("down" for stop waits). */
export function isDownState(state: ServiceState): boolean {
  return state === 'Finished' || state === 'Failed' || state === 'Skipped';
}
