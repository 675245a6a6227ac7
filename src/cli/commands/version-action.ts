// The work behind `sim version`: pkg/machinery/version's template, printed for the client and for every node.
import { platform, arch as processArch } from 'node:process';
import { type TalosNode, talosBuild, v1alpha1Document } from '../../index.js';
import type { CliContext } from '../cli-context.js';
import { withCluster } from '../simulated-cluster.js';
import type { SimulationOptions } from '../simulation-options.js';
import { talosctlRelease } from '../talosctl-release.js';

export interface VersionFlags extends SimulationOptions {
  readonly short?: boolean;
  readonly client?: boolean;
}

const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

function versionLines(tag: string, os: string, arch: string): string {
  const build = talosBuild(tag);
  return [
    `\tTag:         ${tag}`,
    `\tSHA:         ${build?.sha ?? ''}`,
    '\tBuilt:       ',
    `\tGo version:  ${build?.goVersion ?? ''}`,
    `\tOS/Arch:     ${os}/${arch}`,
    '',
  ].join('\n');
}

/** RBAC is enabled unless the machine config turns it off (`machine.features.rbac: false`). */
function enabledFeatures(node: TalosNode): string {
  const config = node.machineConfig === undefined ? undefined : v1alpha1Document(node.machineConfig);
  const features = (config?.value.machine as { features?: { rbac?: unknown } } | undefined)?.features;
  return features?.rbac === false ? '' : 'RBAC';
}

export async function version(flags: VersionFlags, ctx: CliContext): Promise<void> {
  const out = (text: string) => ctx.io.stdout(text);
  await withCluster(flags, ctx, async ({ nodes }) => {
    const client = talosctlRelease(nodes, flags.talosctlVersion).version;
    out('Client:\n');
    out(flags.short ? `Talos ${client}\n` : versionLines(client, platform, GO_ARCH[processArch] ?? processArch));
    if (flags.client) return;
    out('Server:\n');
    for (const node of nodes) {
      out(`\tNODE:        ${node.address}\n`);
      out(versionLines(node.talosVersion, 'linux', node.bootAsset?.arch ?? 'amd64'));
      out(`\tEnabled:     ${enabledFeatures(node)}\n`);
    }
  });
}
