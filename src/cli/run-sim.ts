// What the `sim` executable runs: a plain `sim get` (plain-get.ts) is answered from a kept snapshot when there is one,
// before the command tree (commander and every command's registration) is loaded; anything else, and a plain `get`
// the snapshot does not answer, runs through the command tree (main.ts).
import type { CliContext } from './cli-context.js';
import { parsePlainGet } from './plain-get.js';

/** Runs `sim <argv…>` and resolves with the exit status; never calls process.exit. */
export async function runSim(argv: readonly string[], ctx: CliContext): Promise<number> {
  const plain = parsePlainGet(argv);
  if (plain !== undefined) {
    try {
      const status = await (await import('./commands/get-snapshot.js')).answerPlainGet(ctx, plain);
      if (status !== undefined) return status;
    } catch {
      // answerPlainGet prints nothing before it has the whole answer: the command tree runs it, and reports a
      // failure (no home directory for the cache, say) in its words
    }
  }
  return (await import('./main.js')).runCli(argv, ctx);
}
