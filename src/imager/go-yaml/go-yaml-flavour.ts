// Which go-yaml release writes YAML for a Talos release (spec go-yaml-and-jsonpath §0.4: the imager and machined
// share pkg/machinery's library): the fork of yaml.v3 v3.0.1 up to v1.11, go.yaml.in/yaml/v4 rc.3 in v1.12, rc.4 in
// v1.13 and v1.14.0-alpha.1, rc.5 (output identical to rc.6) from v1.14.0-alpha.2 on.
import { SemVer } from 'semver';

/** The go-yaml releases whose output differs (rc.5 and rc.6 print the same bytes). */
export type GoYamlFlavour = 'v3' | 'rc3' | 'rc4' | 'rc6';

const RC6_SINCE = new SemVer('1.14.0-alpha.2');
const RC4_SINCE = new SemVer('1.13.0-0');
const RC3_SINCE = new SemVer('1.12.0-0');

/** The flavour of the go-yaml library a Talos release was built with. */
export function goYamlFlavourOf(version: SemVer): GoYamlFlavour {
  if (version.compare(RC6_SINCE) >= 0) return 'rc6';
  if (version.compare(RC4_SINCE) >= 0) return 'rc4';
  if (version.compare(RC3_SINCE) >= 0) return 'rc3';
  return 'v3';
}

/** `yaml.NewEncoder` folds long scalars at 80 columns only from rc.5 on; `yaml.Marshal` never folds. */
export function encoderWidth(flavour: GoYamlFlavour): number | undefined {
  return flavour === 'rc6' ? 80 : undefined;
}
