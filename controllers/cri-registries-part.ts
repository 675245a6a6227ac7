// /etc/cri/conf.d/01-registries.part: containerd.GenerateCRIConfig(registries) — the CRI image plugin's registry
// section, `config_path` pointing at the hosts directory and one `configs.<host>.auth` table per registry with
// credentials, encoded from Go structs (field order) by go-toml with indented tables. The credentials come from the
// machine config's `machine.registries.config.<host>.auth` (talos-sim reads the config directly where Talos goes
// through the cri.RegistriesConfig resource; mirrors and TLS settings only shape the hosts directory, which
// talos-sim does not model).
import type { MachineConfigSpec } from '../resources/machine-config.js';
import { hasBackport, isTalosAtLeast } from '../resources/talos-release.js';
import { DecodeCache } from './decode-cache.js';
import { encodeToml, TomlStruct, TomlTable } from './go-toml/index.js';

export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  readonly auth: string;
  readonly identityToken: string;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const mapping = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The registries of the v1alpha1 document that have an `auth` section, by host. */
export function registryAuths(config: MachineConfigSpec | undefined): Map<string, RegistryAuth> {
  const out = new Map<string, RegistryAuth>();
  const doc = config?.documents.find((d) => d.kind === 'v1alpha1');
  const registries = mapping(mapping(mapping(doc?.value.machine)?.registries)?.config);
  for (const [host, cfg] of Object.entries(registries ?? {})) {
    const auth = mapping(mapping(cfg)?.auth);
    if (auth === undefined) continue;
    out.set(host, {
      username: text(auth.username),
      password: text(auth.password),
      auth: text(auth.auth),
      identityToken: text(auth.identityToken),
    });
  }
  return out;
}

/** containerd's docker.DefaultHost: Docker Hub's API lives on registry-1.docker.io. */
function defaultHost(host: string): string {
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

/** Parts generated so far, by release and credentials (most nodes have none). */
const generated = new DecodeCache<string>(32);

/** The part's bytes as a release generates them. */
export function criRegistriesPart(auths: ReadonlyMap<string, RegistryAuth>, talosVersion: string): string {
  return generated.get(`${talosVersion}\u0000${JSON.stringify([...auths])}`, () => generate(auths, talosVersion));
}

function generate(auths: ReadonlyMap<string, RegistryAuth>, talosVersion: string): string {
  const plugin = isTalosAtLeast(talosVersion, 'v1.8.0-alpha.2')
    ? 'io.containerd.cri.v1.images'
    : 'io.containerd.grpc.v1.cri';
  const mapHosts = hasBackport(talosVersion, { 'v1.9': 'v1.9.6', 'v1.10': 'v1.10.0-beta.0' });
  const configs = new TomlTable();
  for (const [host, a] of auths) {
    configs.entries.set(
      mapHosts ? defaultHost(host) : host,
      new TomlStruct([
        [
          'auth',
          new TomlStruct([
            ['username', a.username],
            ['password', a.password],
            ['auth', a.auth],
            ['identitytoken', a.identityToken],
          ]),
        ],
      ]),
    );
  }
  const registry = new TomlStruct([
    ['config_path', '/etc/cri/conf.d/hosts'],
    ['configs', configs],
  ]);
  return encodeToml(
    new TomlStruct([['plugins', new TomlStruct([[plugin, new TomlStruct([['registry', registry]])]])]]),
  );
}
