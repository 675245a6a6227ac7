// Deterministic PIDs for simulated tasks: the host injects the source; the default counts up from 1000, where a
// freshly booted Talos node's first extension tasks land.

export interface PidSource {
  next(): number;
}

export function sequentialPids(first = 1000): PidSource {
  let next = first;
  return { next: () => next++ };
}

/** The mount namespace link a task's `/proc/<pid>/ns/mnt` reads, derived from its PID (4026531840 = the first). */
export function mountNamespaceOf(pid: number): string {
  return `mnt:[${4026531840 + pid}]`;
}
