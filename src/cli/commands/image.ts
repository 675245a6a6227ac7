// `sim image build`: a boot asset with system extensions, as the imager (or Image Factory) builds it. The work is
// in image-action.ts, loaded only when the command runs.
import { type Command, Option } from 'commander';
import { BOOT_ASSET_KINDS } from '../../imager/boot-asset.js';
import type { CliContext, CommandRegistrar } from '../cli-context.js';
import type { BuildFlags } from './image-action.js';

export const registerImageCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  const image = program
    .command('image')
    .description('Boot assets with system extensions, as the Talos imager builds them');
  image
    .command('build')
    .description(
      'Build a boot asset for a Talos version from extension images (paths or references in the catalog), or with ' +
        '--factory from official extension names as Image Factory does',
    )
    .argument(
      '[images...]',
      'extension directories, OCI layouts, image tarballs or references; official names with --factory',
    )
    .requiredOption('--talos <version>', 'Talos version of the asset (e.g. v1.11.2, or v1.11 for its newest release)')
    .addOption(new Option('--kind <kind>', 'output kind').choices(BOOT_ASSET_KINDS).default('installer'))
    .addOption(new Option('--arch <arch>', 'architecture').choices(['amd64', 'arm64']).default('amd64'))
    .option('--factory', 'build as Image Factory: resolve official extension names, append the schematic extension')
    .option('--output <dir>', 'write extensions.yaml, the .sqsh layers, firmware and microcode to this directory')
    .action(async (images: string[], flags: BuildFlags) =>
      (await import('./image-action.js')).build(images, flags, ctx),
    );
};
