// Errors of the controller runtime, with cosi's exact texts.
import { goQuote } from '../../gofmt/index.js';
import type { Input, InputKind } from './controller.js';

export type ControllerErrorKind = 'registration' | 'access' | 'runtime';

export class ControllerError extends Error {
  override readonly name = 'ControllerError';
  readonly kind: ControllerErrorKind;
  constructor(kind: ControllerErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export const isControllerError = (err: unknown): err is ControllerError => err instanceof ControllerError;

export const isAccessError = (err: unknown): boolean => err instanceof ControllerError && err.kind === 'access';

const INPUT_KIND_NUMBER: Readonly<Record<InputKind, number>> = { weak: 0, strong: 1, destroyReady: 2 };

/** Go's %v of a controller.Input: `{ns type {id true} kind}` with the optional id as Go prints it. */
function formatInput(input: Input): string {
  const id = input.id === undefined ? '{ false}' : `{${input.id} true}`;
  return `{${input.namespace} ${input.type} ${id} ${INPUT_KIND_NUMBER[input.kind]}}`;
}

const q = goQuote;
const adapterPrefix = (controller: string) => `error initializing controller ${q(controller)} adapter: `;

export const controllerErrors = {
  alreadyRegistered: (name: string) => new ControllerError('registration', `controller ${q(name)} already registered`),
  exclusiveOutput: (controller: string, type: string, owner: string) =>
    new ControllerError(
      'registration',
      `${adapterPrefix(controller)}error registering in dependency database: resource ${q(type)} is already managed in exclusive mode by ${q(owner)}`,
    ),
  sharedOutput: (controller: string, type: string, owner: string) =>
    new ControllerError(
      'registration',
      `${adapterPrefix(controller)}error registering in dependency database: resource ${q(type)} is already managed in shared mode by ${q(owner)}`,
    ),
  duplicateSharedOutput: (controller: string, type: string) =>
    new ControllerError(
      'registration',
      `${adapterPrefix(controller)}error registering in dependency database: duplicate shared controller output: ${q(type)} -> ${q(controller)}`,
    ),
  duplicateInput: (controller: string, input: Input, initial: boolean) =>
    new ControllerError(
      'registration',
      `${initial ? `${adapterPrefix(controller)}error registering initial inputs: ` : ''}error adding controller dependency: duplicate controller input: ${q(controller)} -> ${formatInput(input)}`,
    ),
  readAccess: (controller: string, namespace: string, type: string) =>
    new ControllerError(
      'access',
      `attempt to query resource ${q(namespace)}/${q(type)}, not input or output for controller ${q(controller)}`,
    ),
  /** `verb` is what cosi reports: note that Update reports "create". */
  writeAccess: (controller: string, namespace: string, type: string, verb: string, id: string) =>
    new ControllerError(
      'access',
      `resource ${q(namespace)}/${q(type)} is not an output for controller ${q(controller)}, ${verb} attempted on ${q(id)}`,
    ),
  finalizerAccess: (controller: string, namespace: string, type: string) =>
    new ControllerError(
      'access',
      `attempt to change finalizers for resource ${q(namespace)}/${q(type)}, not an input with Strong dependency for controller ${q(controller)}`,
    ),
  trackingAlreadyEnabled: () => new ControllerError('runtime', 'output tracking already enabled'),
  trackingNotEnabled: () => new ControllerError('runtime', 'output tracking not enabled'),
  alreadyStarted: () => new ControllerError('runtime', 'runtime has already been started'),
  panicked: (controller: string, value: unknown) =>
    new ControllerError('runtime', `controller ${q(controller)} panicked: ${String(value)}`),
} as const;
