#!/usr/bin/env node
// The `sim` executable. The only module with top-level await: the library stays require()-able.
import { once } from 'node:events';
import { runCli } from './cli/main.js';
import { forStream } from './cli/terminal-safe.js';

// a closed pipe (`sim get … | head`) ends the program quietly, as it does for talosctl
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const interrupt = new AbortController();
// Ctrl-C or a polite kill ends watch modes cleanly (exit 0), as talosctl's signal context does
process.once('SIGINT', () => interrupt.abort());
process.once('SIGTERM', () => interrupt.abort());
process.exitCode = await runCli(process.argv.slice(2), {
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
