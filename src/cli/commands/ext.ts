// `sim ext`: check an extension image the way Talos would before publishing it (`validate`, for one Talos version
// or as a compatibility matrix), and look up pinned references in the extensions catalog (`find`). The work is in
// ext-action.ts, loaded only when a subcommand runs, so `sim` starts fast.
import type { Command } from 'commander';
import { DEFAULT_TALOS_VERSION } from '../../extensions/default-talos-version.js';
import type { CliContext, CommandRegistrar } from '../cli-context.js';
import type { ValidateFlags } from './ext-action.js';

export const registerExtCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  const ext = program
    .command('ext')
    .description('System extensions: validate images, find pinned references in the catalog');
  ext
    .command('validate')
    .description(
      'Load an extension image (directory, OCI layout, tarball or catalog reference) and check its Talos compatibility ' +
        'constraint and contents, as the installer of that Talos version did',
    )
    .argument('<image>', 'extension directory, OCI image layout, image tarball, or image reference in the catalog')
    .option(
      '--talos <version>',
      `Talos version to check for; repeat for several, "all" for every known release (default ${DEFAULT_TALOS_VERSION})`,
      // no default value: commander would print it as "(default: [])"
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--strict',
      'check what the documentation promises: path-segment allowlist, no world-writable entries; and fail on the ' +
        'manifest mistakes Talos accepts (unknown keys, no compatibility constraint), which are otherwise warnings',
    )
    .action(async (image: string, flags: Omit<ValidateFlags, 'talos'> & { talos?: string[] }) =>
      (await import('./ext-action.js')).validate(image, { ...flags, talos: flags.talos ?? [] }, ctx),
    );
  ext
    .command('find')
    .description('Print the pinned image reference of an extension for a Talos version, as the README lookup does')
    .argument('<name>', 'extension name (matched as grep does)')
    .requiredOption('--talos <version>', 'Talos version whose extensions index to search')
    .action(async (name: string, flags: { talos: string }) =>
      (await import('./ext-action.js')).find(name, flags.talos, ctx),
    );
};
