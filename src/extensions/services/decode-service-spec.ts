// Reading an extension service definition as machined does: `yaml.NewDecoder(f).Decode(&spec)` with the go-yaml
// release of the node's Talos version. Only the first document counts, an empty stream is `EOF`, unknown keys are
// ignored, `restart` and `network` entries are decoded case-insensitively from their text. npm `yaml` parses; the
// typing and error texts are go-yaml's (syntax errors keep go-yaml's frame but npm `yaml`'s wording).
import { type Document, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { isStackExhausted, nestingReason, TOO_DEEP, type YamlFlavour } from '../../goyaml/index.js';
import { NETWORK_STATUS, RESTART_KIND } from './go-enum.js';
import { type Decoded, FatalDecode, type FieldShape, GoStructDecoder, type StructShape } from './go-struct-decoder.js';
import type { ExtensionServiceSpec, LinuxIdMapping, ServiceMount } from './service-spec.js';
import { newServiceSpec } from './service-spec.js';
import { ServiceSpecError } from './service-spec-error.js';

const STRINGS: FieldShape = { slice: 'string', goType: '[]string' };
const ID_MAPPING: StructShape = {
  goType: 'specs.LinuxIDMapping',
  fields: { containerid: 'uint32', hostid: 'uint32', size: 'uint32' },
};
const ID_MAPPINGS: FieldShape = { slice: ID_MAPPING, goType: '[]specs.LinuxIDMapping' };
const MOUNT: StructShape = {
  goType: 'specs.Mount',
  fields: {
    destination: 'string',
    type: 'string',
    source: 'string',
    options: STRINGS,
    uidmappings: ID_MAPPINGS,
    gidmappings: ID_MAPPINGS,
  },
};
const SECURITY: StructShape = {
  goType: 'services.Security',
  fields: {
    writeableSysfs: 'bool',
    maskedPaths: STRINGS,
    readonlyPaths: STRINGS,
    writeableRootfs: 'bool',
    rootfsPropagation: 'string',
  },
};
const CONTAINER: StructShape = {
  goType: 'services.Container',
  fields: {
    entrypoint: 'string',
    environment: STRINGS,
    environmentFile: 'string',
    args: STRINGS,
    mounts: { slice: MOUNT, goType: '[]specs.Mount' },
    security: SECURITY,
  },
};
const DEPENDENCY: StructShape = {
  goType: 'services.Dependency',
  fields: {
    service: 'string',
    path: 'string',
    network: { slice: { enum: NETWORK_STATUS, goType: 'nethelpers.Status' }, goType: '[]nethelpers.Status' },
    time: 'bool',
    configuration: 'bool',
  },
};
const SPEC: StructShape = {
  goType: 'services.Spec',
  fields: {
    name: 'string',
    container: CONTAINER,
    depends: { slice: DEPENDENCY, goType: '[]services.Dependency' },
    restart: { enum: RESTART_KIND, goType: 'services.RestartKind' },
    logToConsole: 'bool',
  },
};

/** Definitions larger than this are refused before parsing (real ones are under 2 KiB). */
export const MAX_SERVICE_SPEC_BYTES = 1024 * 1024;

export interface DecodeServiceSpecOptions {
  /** The go-yaml release of the node's Talos version (TalosVersionFacts.goYaml). Default: rc6 (v1.14). */
  readonly flavour?: YamlFlavour;
}

/** Decodes a service definition; throws ServiceSpecError `decode` with go-yaml's text. Does not validate. */
export function decodeServiceSpec(
  input: string | Uint8Array,
  options: DecodeServiceSpecOptions = {},
): ExtensionServiceSpec {
  const flavour = options.flavour ?? 'rc6';
  const fail = (yamlError: string): never => {
    throw new ServiceSpecError({ kind: 'decode', yamlError });
  };
  if (input.length > MAX_SERVICE_SPEC_BYTES) fail(`input is larger than ${MAX_SERVICE_SPEC_BYTES} bytes`);
  const text = decodeText(input) ?? fail(readerError(input, flavour));
  const lines = new LineCounter();
  const doc = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, lineCounter: lines })[0] as
    | Document
    | undefined;
  if (doc === undefined) return fail('EOF');
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = lines.linePos(syntax.pos[0]);
    // the parser's own stack ran out (a definition nested some thousand levels deep): the config loader's text
    const reason = nestingReason((syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''));
    fail(
      flavour === 'rc6'
        ? `go-yaml load error in parser at L${pos.line}.C${pos.col}: ${reason}`
        : `yaml: line ${pos.line}: ${reason}`,
    );
  }
  const decoder = new GoStructDecoder(doc, lines, flavour);
  let value: Decoded | undefined;
  try {
    value = decoder.decode(doc.contents as Node | null, SPEC);
  } catch (err) {
    if (err instanceof FatalDecode) fail(err.message);
    if (!isStackExhausted(err)) throw err;
    // the decoder's stack ran out somewhere below: the document is where it can point
    const pos = lines.linePos(doc.contents?.range?.[0] ?? 0);
    fail(
      flavour === 'rc6'
        ? `go-yaml load error in parser at L${pos.line}.C${pos.col}: ${TOO_DEEP}`
        : `yaml: line ${pos.line}: ${TOO_DEEP}`,
    );
  }
  const collected = decoder.errorText();
  if (collected !== undefined) fail(collected);
  return toSpec((value ?? {}) as Obj);
}

type Obj = { readonly [key: string]: Decoded };

function decodeText(input: string | Uint8Array): string | undefined {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
}

function readerError(input: string | Uint8Array, flavour: YamlFlavour): string {
  const bytes = typeof input === 'string' ? new Uint8Array() : input;
  const bad = bytes.find((b) => b >= 0x80) ?? 0;
  return flavour === 'rc6'
    ? `go-yaml load error in reader at <unknown position>: invalid leading UTF-8 octet (value: ${bad})`
    : 'yaml: invalid leading UTF-8 octet';
}

const strs = (v: Decoded | undefined): readonly string[] | undefined =>
  Array.isArray(v) ? (v as string[]) : undefined;
const str = (v: Decoded | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: Decoded | undefined): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const obj = (v: Decoded | undefined): Obj => (typeof v === 'object' && !Array.isArray(v) ? v : {});

function idMappings(v: Decoded | undefined): readonly LinuxIdMapping[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((m) => {
    const o = obj(m);
    return { containerID: Number(o.containerid ?? 0), hostID: Number(o.hostid ?? 0), size: Number(o.size ?? 0) };
  });
}

function toMount(v: Decoded): ServiceMount {
  const o = obj(v);
  const options = strs(o.options);
  const uid = idMappings(o.uidmappings);
  const gid = idMappings(o.gidmappings);
  return {
    destination: str(o.destination) ?? '',
    type: str(o.type) ?? '',
    source: str(o.source) ?? '',
    ...(options !== undefined ? { options } : {}),
    ...(uid !== undefined ? { uidMappings: uid } : {}),
    ...(gid !== undefined ? { gidMappings: gid } : {}),
  };
}

function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

function toSpec(o: Obj): ExtensionServiceSpec {
  const c = obj(o.container);
  const s = obj(c.security);
  const depends = Array.isArray(o.depends) ? o.depends.map(obj) : undefined;
  const mounts = Array.isArray(c.mounts) ? c.mounts.map(toMount) : undefined;
  return newServiceSpec(
    defined({
      name: str(o.name),
      container: defined({
        entrypoint: str(c.entrypoint),
        environment: strs(c.environment),
        environmentFile: str(c.environmentFile),
        args: strs(c.args),
        mounts,
        security: defined({
          writeableSysfs: bool(s.writeableSysfs),
          maskedPaths: strs(s.maskedPaths),
          readonlyPaths: strs(s.readonlyPaths),
          writeableRootfs: bool(s.writeableRootfs),
          rootfsPropagation: str(s.rootfsPropagation),
        }),
      }),
      depends: depends?.map((d) =>
        defined({
          service: str(d.service),
          path: str(d.path),
          network: Array.isArray(d.network) ? (d.network as number[]) : undefined,
          time: bool(d.time),
          configuration: bool(d.configuration),
        }),
      ),
      restart: typeof o.restart === 'number' ? o.restart : undefined,
      logToConsole: bool(o.logToConsole),
    }),
  );
}
