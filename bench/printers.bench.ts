// Printer throughput: one `talosctl get` worth of ExtensionStatus resources printed in every format, against
// npm `yaml` / JSON.stringify on the same data (what a naive printer would cost).
import { stringify } from 'yaml';
import { createResourceWriter, type PrintableResource } from '../src/printers/index.js';
import { type BenchFigure, type BenchSuite, opsPerSecond } from './harness.js';

const CREATED = new Date(Date.UTC(2024, 7, 9, 3, 7, 41));

function resources(count: number): PrintableResource[] {
  return Array.from({ length: count }, (_, i) => ({
    metadata: {
      namespace: 'runtime',
      type: 'ExtensionStatuses.runtime.talos.dev',
      id: String(i),
      version: 1,
      owner: 'runtime.ExtensionStatusController',
      phase: 'running',
      created: CREATED,
      updated: CREATED,
      labels: new Map([['talos.dev/index', String(i)]]),
      annotations: new Map(),
      finalizers: [],
    },
    spec: {
      image: `${i}.sqsh`,
      metadata: {
        name: `extension-${i}`,
        version: 'v0.1.4',
        author: 'Sidero Labs',
        description: 'This system extension provides a long description that talosctl folds past eighty columns.\n',
        compatibility: { talos: { version: '>= v1.6.0' } },
      },
    },
  }));
}

function printAll(format: string, items: readonly PrintableResource[]): number {
  let bytes = 0;
  const writer = createResourceWriter(format, { out: (chunk) => (bytes += chunk.length) });
  writer.writeHeader(
    { displayType: 'ExtensionStatus', printColumns: [{ name: 'Name', jsonPath: '{.metadata.name}' }] },
    false,
  );
  for (const item of items) writer.writeResource('172.20.0.2', item);
  writer.flush();
  return bytes;
}

const suite: BenchSuite = {
  title: 'talosctl printers (100 ExtensionStatus resources per run)',
  async run(ctx) {
    const items = resources(Math.max(1, Math.round(100 * ctx.scale)));
    const plain = items.map((r) => ({
      node: '172.20.0.2',
      metadata: { ...r.metadata, labels: Object.fromEntries(r.metadata.labels) },
      spec: r.spec,
    }));
    const npmYaml = opsPerSecond(() => {
      for (const item of plain) stringify(item, { indent: 4, lineWidth: 0 });
    });
    const jsonStringify = opsPerSecond(() => {
      for (const item of plain) JSON.stringify(item, null, 4);
    });
    const figures: BenchFigure[] = [];
    for (const format of ['table', 'yaml', 'json', 'jsonpath={.spec.metadata.name}']) {
      const ops = opsPerSecond(() => printAll(format, items));
      const baseline =
        format === 'yaml'
          ? { name: 'npm yaml stringify', value: npmYaml }
          : { name: 'JSON.stringify', value: jsonStringify };
      figures.push({ name: `-o ${format}`, value: ops, unit: 'lists/s', baseline });
      ctx.log(`-o ${format}: ${ops.toFixed(1)} lists/s`);
    }
    // a big cluster's table: one tabwriter block of 10,000 rows must cost per row what 100 rows do
    const small = opsPerSecond(() => printAll('table', items)) * items.length;
    const many = resources(Math.max(100, Math.round(10_000 * ctx.scale)));
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 4; i++) {
      const start = performance.now();
      printAll('table', many);
      if (i > 0) best = Math.min(best, performance.now() - start); // the first run warms up
    }
    const rows = many.length / (best / 1000);
    figures.push({
      name: `-o table, ${many.length} rows in one block`,
      value: rows,
      unit: 'rows/s',
      baseline: { name: `-o table, ${items.length} rows`, value: small },
      goal: '≥ 0.5× the rows/s of a short table (linear)',
      met: rows >= 0.5 * small,
    });
    ctx.log(`-o table, ${many.length} rows: ${rows.toFixed(0)} rows/s against ${small.toFixed(0)}`);
    return figures;
  },
};

export default suite;
