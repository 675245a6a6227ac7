// The environment of an extension service's task: containerd's oci.WithEnv merge (replace a key the base already
// has, in place; append everything else, so repeated keys of the added list are all kept; `KEY` without `=`
// unsets), applied to the machine-level environment (machine.env, kernel talos.environment) with the
// extension's list (environment file entries, container.environment, ExtensionServiceConfig.environment).

/** containerd's replaceOrAppendEnvValues. */
export function replaceOrAppendEnv(base: readonly string[], overrides: readonly string[]): string[] {
  const cache = new Map<string, number>();
  const results: (string | undefined)[] = [];
  base.forEach((e, i) => {
    results.push(e);
    cache.set(keyOf(e), i);
  });
  for (const value of overrides) {
    const eq = value.indexOf('=');
    const at = cache.get(eq < 0 ? value : value.slice(0, eq));
    if (eq < 0) {
      if (at !== undefined) results[at] = undefined;
      continue;
    }
    if (at !== undefined) results[at] = value;
    else results.push(value);
  }
  return results.filter((e): e is string => e !== undefined && e !== '');
}

function keyOf(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}

/** oci.WithEnv(list) is a no-op for an empty list; the runner applies the machine env first, then the extension's. */
export function taskEnvironment(machine: readonly string[], extension: readonly string[]): string[] {
  const withMachine = machine.length > 0 ? replaceOrAppendEnv([], machine) : [];
  return extension.length > 0 ? replaceOrAppendEnv(withMachine, extension) : withMachine;
}
