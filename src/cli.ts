#!/usr/bin/env node
// The `sim` executable. The only module with top-level await: the library stays require()-able.
import { runCli } from './cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  io: {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
  },
  cwd: process.cwd(),
  env: process.env,
});
