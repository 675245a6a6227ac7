// A consumer's plain Node script: boots the scenario beside it through the public API and exits with code 1, saying
// what differs, unless every node runs exactly the extensions expected.
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createCluster } from 'talos-sim';

const expected = {
  '172.20.0.5': [
    'iscsi-tools v0.2.0',
    'util-linux-tools 2.42.2',
    'schematic 613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245',
  ],
  '10.5.0.3': ['gvisor 20221107.0-v1.3.7', 'intel-ucode 20221108'],
};

function check(what, actual, wanted) {
  if (isDeepStrictEqual(actual, wanted)) return;
  console.error(`${what}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
  process.exitCode = 1;
}

const cluster = await createCluster(fileURLToPath(new URL('./two-releases.yaml', import.meta.url)));
try {
  for (const [address, extensions] of Object.entries(expected)) {
    const resources = await cluster.node(address).list('extensions');
    const actual = resources.map((r) => `${r.spec.metadata.name} ${r.spec.metadata.version}`);
    check(`extensions of ${address}`, actual, extensions);
  }
  // the CLI in-process, as talosctl prints it
  const names = await cluster.run(['get', 'extensions', '-n', '10.5.0.3', '-o', 'jsonpath={.spec.metadata.name}']);
  check('sim get extensions -n 10.5.0.3', names, { stdout: 'gvisor\nintel-ucode\n', stderr: '', exitCode: 0 });
  if (process.exitCode !== 1) {
    console.log(`ok: ${cluster.nodes.map((n) => `${n.address} ${n.talosVersion}`).join(', ')}`);
  }
} finally {
  await cluster.shutdown();
}
