// The go-yaml releases talosctl has shipped with, and the few switches in which their output differs.
// Everything not listed here (layout, escapes, key order, numbers, times) is identical across them.

/**
 * Target go-yaml version:
 * - `v3`  — gopkg.in/yaml.v3 v3.0.1 (talosctl ≤ 1.11)
 * - `rc3` — go.yaml.in/yaml/v4 v4.0.0-rc.3 (talosctl 1.12)
 * - `rc4` — v4.0.0-rc.4 (talosctl 1.13)
 * - `rc6` — v4.0.0-rc.5/rc.6, identical output (talosctl 1.14 and later)
 */
export type YamlFlavour = 'v3' | 'rc3' | 'rc4' | 'rc6';

export const YAML_FLAVOURS: readonly YamlFlavour[] = ['v3', 'rc3', 'rc4', 'rc6'];

/** The output-visible behaviour switches of one flavour. */
export interface FlavourTraits {
  readonly flavour: YamlFlavour;
  /** v3 requests a literal block for every string with `\n`; v4 only if ≥ 2 bytes with a non-space character. */
  readonly literalForAnyNewline: boolean;
  /** Quote used for YAML 1.1 booleans, base-60 numbers and (rc.3+) `<<`: double up to rc.4, single in rc.5+. */
  readonly compatibilityQuote: 'double' | 'single';
  /** rc.3+ quote the string `<<`; v3.0.1 writes it plain. */
  readonly quotesMergeKey: boolean;
  /** rc.3+ resolve `-0` / `-0.0` as the float −0 (v3: `-0` is the int 0). */
  readonly negativeZeroIsFloat: boolean;
  /** rc.4+ resolve a plain `<<` as the merge key. */
  readonly mergeKeyResolves: boolean;
  /** v3 and rc.3 write the indentation digit when a literal starts with a line break, rc.4+ only for a space. */
  readonly literalIndentHintForLeadingBreak: boolean;
  /** rc.3+ end the literal header line themselves; v3.0.1 lets a leading `\n` do it (and so loses it). */
  readonly literalBreakAfterHeader: boolean;
  /** Preferred width of `NewEncoder(w).Encode`: 80 in rc.5+, unlimited before. `Marshal` never folds. */
  readonly encoderWidth: number;
}

const TRAITS: Readonly<Record<YamlFlavour, FlavourTraits>> = {
  v3: {
    flavour: 'v3',
    literalForAnyNewline: true,
    compatibilityQuote: 'double',
    quotesMergeKey: false,
    negativeZeroIsFloat: false,
    mergeKeyResolves: false,
    literalIndentHintForLeadingBreak: true,
    literalBreakAfterHeader: false,
    encoderWidth: Number.POSITIVE_INFINITY,
  },
  rc3: {
    flavour: 'rc3',
    literalForAnyNewline: false,
    compatibilityQuote: 'double',
    quotesMergeKey: true,
    negativeZeroIsFloat: true,
    mergeKeyResolves: false,
    literalIndentHintForLeadingBreak: true,
    literalBreakAfterHeader: true,
    encoderWidth: Number.POSITIVE_INFINITY,
  },
  rc4: {
    flavour: 'rc4',
    literalForAnyNewline: false,
    compatibilityQuote: 'double',
    quotesMergeKey: true,
    negativeZeroIsFloat: true,
    mergeKeyResolves: true,
    literalIndentHintForLeadingBreak: false,
    literalBreakAfterHeader: true,
    encoderWidth: Number.POSITIVE_INFINITY,
  },
  rc6: {
    flavour: 'rc6',
    literalForAnyNewline: false,
    compatibilityQuote: 'single',
    quotesMergeKey: true,
    negativeZeroIsFloat: true,
    mergeKeyResolves: true,
    literalIndentHintForLeadingBreak: false,
    literalBreakAfterHeader: true,
    encoderWidth: 80,
  },
};

export function isYamlFlavour(value: unknown): value is YamlFlavour {
  return typeof value === 'string' && (YAML_FLAVOURS as readonly string[]).includes(value);
}

export function flavourTraits(flavour: YamlFlavour): FlavourTraits {
  return TRAITS[flavour];
}
