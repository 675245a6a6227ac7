// Spec.Validate(): the rules and messages of pkg/machinery/extensions/services (unchanged v1.11–v1.14), in the
// order hashicorp/go-multierror collects them. Nothing else is checked: not the entrypoint's existence, mounts,
// environment format, service names of dependencies or rootfsPropagation values.
import { goQuote } from '../../gofmt/index.js';
import { enumIsValid, enumString, NETWORK_STATUS, RESTART_KIND } from './go-enum.js';
import type { ExtensionServiceSpec, ServiceDependency } from './service-spec.js';
import { ServiceSpecError } from './service-spec-error.js';

const NAME = /^[-_a-z0-9]{1,}$/;

/** The messages Validate() collects, in order; empty when the spec is valid. */
export function serviceSpecProblems(spec: ExtensionServiceSpec): string[] {
  const problems: string[] = [];
  if (!NAME.test(spec.name)) problems.push(`name ${goQuote(spec.name)} is invalid`);
  if (!enumIsValid(RESTART_KIND, spec.restart)) {
    problems.push(`restart kind is invalid: ${enumString(RESTART_KIND, spec.restart)}`);
  }
  // QUIRK: upstream says "endpoint" for the entrypoint
  if (spec.container.entrypoint === '') problems.push("container endpoint can't be empty");
  for (const dep of spec.depends ?? []) problems.push(...dependencyProblems(dep));
  return problems;
}

function dependencyProblems(dep: ServiceDependency): string[] {
  const problems: string[] = [];
  let set = 0;
  if (dep.service !== '') set++;
  if (dep.path !== '') {
    set++;
    if (!dep.path.startsWith('/')) problems.push(`path is not absolute: ${goQuote(dep.path)}`);
  }
  if ((dep.network ?? []).length > 0) {
    set++;
    for (const st of dep.network ?? []) {
      if (!enumIsValid(NETWORK_STATUS, st))
        problems.push(`invalid network dependency: ${enumString(NETWORK_STATUS, st)}`);
    }
  }
  if (dep.time) set++;
  if (dep.configuration) set++;
  if (set === 0) problems.push('no dependency specified');
  if (set > 1) problems.push('more than a single dependency is set');
  return problems;
}

/** Spec.Validate(): throws ServiceSpecError `invalid` with the multierror text when any rule fails. */
export function validateServiceSpec(spec: ExtensionServiceSpec): void {
  const problems = serviceSpecProblems(spec);
  if (problems.length > 0) throw new ServiceSpecError({ kind: 'invalid', problems });
}
