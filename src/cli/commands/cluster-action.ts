// `sim cluster`, the work behind the commands: create (the scenario is read and booted once, so a broken one is
// refused and the boot assets land in the cache), show, destroy.
import { resolve } from 'node:path';
import { INPUT_LIMITS } from '../../extensions/index.js';
import { formatGoDuration, tabwrite } from '../../gofmt/index.js';
import { createCluster, type ExtensionStatusSpec, scenarioSource } from '../../index.js';
import { readRegularFile } from '../../safe-fs/index.js';
import { type CliContext, CliExit, refuseInRunningCluster } from '../cli-context.js';
import { selectScenario } from '../scenario-selection.js';
import { clusterOptions, keptClusters, scenarioText, withCluster } from '../simulated-cluster.js';

export interface CreateFlags {
  readonly name?: string;
  readonly scenario?: string;
  readonly talos?: string;
  readonly clock?: string;
  readonly cache?: boolean;
}

const nameOf = (flags: { readonly name?: string }, ctx: CliContext): string =>
  flags.name ?? (ctx.env.SIM_CLUSTER || 'default');

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function create(flags: CreateFlags, ctx: CliContext): Promise<void> {
  refuseInRunningCluster(ctx, 'sim cluster create');
  const name = nameOf(flags, ctx);
  const selected = selectScenario(flags, ctx);
  const file =
    typeof selected === 'string' ? selected : flags.talos === undefined ? '<embedded>' : `--talos ${flags.talos}`;
  let text: string;
  try {
    text =
      typeof selected === 'string'
        ? Buffer.from(readRegularFile(resolve(ctx.cwd, selected), { maxBytes: INPUT_LIMITS.scenarioBytes })).toString(
            'utf8',
          )
        : scenarioText(selected);
  } catch (err) {
    throw new CliExit(
      `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`,
    );
  }
  const source =
    typeof selected === 'string' ? scenarioSource(selected, ctx.cwd, text) : { text, baseDir: ctx.cwd, file };
  const options = clusterOptions(flags, ctx);
  let nodes: string[];
  let start: number;
  try {
    await using cluster = await createCluster(source.text, { ...options, cwd: source.baseDir, file: source.file });
    nodes = cluster.nodes.map((n) => `${n.address} (${n.talosVersion})`);
    start = cluster.clock.now();
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  try {
    keptClusters(ctx).create(name, source, { start, follow: flags.clock === undefined }, Date.now());
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  // a fleet is counted, not listed on one line (`cluster show` lists every node)
  const listed = nodes.length <= CREATE_LISTS ? nodes.join(', ') : `${nodes.length} nodes (${nodes[0]}, …)`;
  ctx.io.stdout(`created cluster "${name}" from ${file}: ${listed}\n`);
}

/** The most nodes `cluster create` names on its line. */
const CREATE_LISTS = 16;

export async function show(flags: { readonly name?: string }, ctx: CliContext): Promise<void> {
  refuseInRunningCluster(ctx, 'sim cluster show');
  const name = nameOf(flags, ctx);
  const kept = keptClusters(ctx);
  let state: ReturnType<typeof kept.read>;
  try {
    state = kept.read(name);
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  await withCluster({ cluster: name }, ctx, async ({ cluster }) => {
    const clock = state.clock.follow
      ? `follows wall time from ${iso(state.clock.start)} (now ${iso(cluster.clock.now())}, ${formatGoDuration(cluster.clock.now() - state.clock.start)} later)`
      : `pinned at ${iso(state.clock.start)}`;
    const head = [
      ['NAME', name],
      ['SCENARIO', state.scenario.file],
      ['CREATED', iso(state.createdAt)],
      ['CLOCK', clock],
      [
        'OPERATIONS',
        state.journal
          .map((e) => `${e.operation.kind} ${e.operation.node}${e.failed === true ? ' (failed)' : ''}`)
          .join(', ') || 'none',
      ],
    ];
    ctx.io.stdout(tabwrite(head.map((r) => `${r.join('\t')}\n`).join(''), { padding: 3 }));
    const rows = [`${['NODE', 'TALOS', 'PHASE', 'EXTENSIONS'].join('\t')}\n`];
    for (const node of cluster.nodes) {
      const statuses = await node.list('ExtensionStatuses.runtime.talos.dev');
      const extensions = statuses.map((r) => (r.spec as ExtensionStatusSpec).metadata.name).join(',') || '-';
      rows.push(`${[node.address, node.talosVersion, node.phase, extensions].join('\t')}\n`);
    }
    ctx.io.stdout(`\n${tabwrite(rows.join(''), { padding: 3 })}`);
  });
}

export async function destroy(flags: { readonly name?: string }, ctx: CliContext): Promise<void> {
  refuseInRunningCluster(ctx, 'sim cluster destroy');
  const name = nameOf(flags, ctx);
  try {
    await keptClusters(ctx).destroy(name);
  } catch (err) {
    throw new CliExit((err as Error).message);
  }
  ctx.io.stdout(`destroyed cluster "${name}"\n`);
}
