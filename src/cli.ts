#!/usr/bin/env node
// The `sim` executable. The only module with top-level await: the library stays require()-able.
import { getEventListeners, once } from 'node:events';
import { constants as osConstants } from 'node:os';
import { runSim } from './cli/run-sim.js';
import { forStream } from './cli/terminal-safe.js';

// a closed pipe (`sim get … | head`) ends the program quietly, as it does for talosctl; any other failure to write
// (a full disk, a closed descriptor) ends it with the reason and status 1
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`error writing to stdout: ${err.message}\n`);
  process.exit(1);
});
const interrupt = new AbortController();
// Ctrl-C or a polite kill ends watch modes cleanly (exit 0), as talosctl's signal context does. A command that is not
// following (a long boot, a scenario's advance) listens to nothing and ends at once, as a shell reports a process the
// signal killed: 128 + the signal's number.
const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
  if (getEventListeners(interrupt.signal, 'abort').length === 0) process.exit(128 + osConstants.signals[signal]);
  interrupt.abort();
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
process.exitCode = await runSim(process.argv.slice(2), {
  io: {
    stdout: (chunk) => process.stdout.write(forStream(process.stdout, chunk)),
    stderr: (chunk) => process.stderr.write(forStream(process.stderr, chunk)),
    // rejects if stdout fails instead (a closed pipe ends the program above)
    drain: async () => {
      await once(process.stdout, 'drain');
    },
  },
  cwd: process.cwd(),
  env: process.env,
  signal: interrupt.signal,
  bootAssetCache: 'default',
});
