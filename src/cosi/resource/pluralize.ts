// English plural detection and singularisation with the rule tables of gertd/go-pluralize,
// which cosi uses to validate ResourceDefinition names and derive display types. The tables are
// data carried over as facts; the engine is ours. Rules are tried from the last to the first.

type Rule = readonly [pattern: RegExp, replacement: string];

const IRREGULAR: ReadonlyArray<readonly [single: string, plural: string]> = [
  ['i', 'we'],
  ['me', 'us'],
  ['he', 'they'],
  ['she', 'they'],
  ['them', 'them'],
  ['myself', 'ourselves'],
  ['yourself', 'yourselves'],
  ['itself', 'themselves'],
  ['herself', 'themselves'],
  ['himself', 'themselves'],
  ['themself', 'themselves'],
  ['is', 'are'],
  ['was', 'were'],
  ['has', 'have'],
  ['this', 'these'],
  ['that', 'those'],
  ['my', 'our'],
  ['its', 'their'],
  ['his', 'their'],
  ['her', 'their'],
  ['echo', 'echoes'],
  ['dingo', 'dingoes'],
  ['volcano', 'volcanoes'],
  ['tornado', 'tornadoes'],
  ['torpedo', 'torpedoes'],
  ['genus', 'genera'],
  ['viscus', 'viscera'],
  ['stigma', 'stigmata'],
  ['stoma', 'stomata'],
  ['dogma', 'dogmata'],
  ['lemma', 'lemmata'],
  ['schema', 'schemata'],
  ['anathema', 'anathemata'],
  ['ox', 'oxen'],
  ['axe', 'axes'],
  ['die', 'dice'],
  ['yes', 'yeses'],
  ['foot', 'feet'],
  ['eave', 'eaves'],
  ['goose', 'geese'],
  ['tooth', 'teeth'],
  ['quiz', 'quizzes'],
  ['human', 'humans'],
  ['proof', 'proofs'],
  ['carve', 'carves'],
  ['valve', 'valves'],
  ['looey', 'looies'],
  ['thief', 'thieves'],
  ['groove', 'grooves'],
  ['pickaxe', 'pickaxes'],
  ['passerby', 'passersby'],
  ['canvas', 'canvases'],
  ['sms', 'sms'],
];

const UNCOUNTABLE_WORDS = new Set(
  (
    'adulthood advice agenda aid aircraft alcohol ammo analytics anime athletics audio bison blood bream buffalo ' +
    'butter carp cash chassis chess clothing cod commerce cooperation corps debris diabetes digestion elk energy ' +
    'equipment excretion expertise firmware flounder fun gallows garbage graffiti hardware headquarters health ' +
    'herpes highjinks homework housework information jeans justice kudos labour literature machinery mackerel mail ' +
    'media mews moose music mud manga news only personnel pike plankton pliers police pollution premises rain ' +
    'research rice salmon scissors series sewage shambles shrimp software staff swine tennis traffic ' +
    'transportation trout tuna wealth welfare whiting wildebeest wildlife you'
  ).split(' '),
);

const UNCOUNTABLE_PATTERNS: readonly RegExp[] = [
  /pok[eé]mon$/i,
  /[^aeiou]ese$/i,
  /deer$/i,
  /(fish)$/i,
  /measles$/i,
  /o[iu]s$/i,
  /pox$/i,
  /sheep$/i,
];

const PLURAL_RULES: readonly Rule[] = [
  [/s?$/i, 's'],
  [/[\u0080-\u{10FFFF}]$/iu, '$0'],
  [/([^aeiou]ese)$/i, '$1'],
  [/(ax|test)is$/i, '$1es'],
  [/(alias|[^aou]us|t[lm]as|gas|ris)$/i, '$1es'],
  [/(e[mn]u)s?$/i, '$1s'],
  [/([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$/i, '$1'],
  [/(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$/i, '$1i'],
  [/(alumn|alg|vertebr)(?:a|ae)$/i, '$1ae'],
  [/(seraph|cherub)(?:im)?$/i, '$1im'],
  [/(her|at|gr)o$/i, '$1oes'],
  [
    /(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$/i,
    '$1a',
  ],
  [/(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$/i, '$1a'],
  [/sis$/i, 'ses'],
  [/(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$/i, '$1$2ves'],
  [/([^aeiouy]|qu)y$/i, '$1ies'],
  [/([^ch][ieo][ln])ey$/i, '$1ies'],
  [/(x|ch|ss|sh|zz)$/i, '$1es'],
  [/(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$/i, '$1ices'],
  [/\b((?:tit)?m|l)(?:ice|ouse)$/i, '$1ice'],
  [/(pe)(?:rson|ople)$/i, '$1ople'],
  [/(child)(?:ren)?$/i, '$1ren'],
  [/eaux$/i, '$0'],
  [/m[ae]n$/i, 'men'],
  [/^thou$/i, 'you'],
  ...UNCOUNTABLE_PATTERNS.map((p): Rule => [p, '$0']),
];

const SINGULAR_RULES: readonly Rule[] = [
  [/s$/i, ''],
  [/(ss)$/i, '$1'],
  [/(wi|kni|(?:after|half|high|low|mid|non|night|[^\w]|^)li)ves$/i, '$1fe'],
  [/(ar|(?:wo|[ae])l|[eo][ao])ves$/i, '$1f'],
  [/ies$/i, 'y'],
  [/(dg|ss|ois|lk|ok|wn|mb|th|ch|ec|oal|is|ck|ix|sser|ts|wb)ies$/i, '$1ie'],
  [
    /\b(l|(?:neck|cross|hog|aun)?t|coll|faer|food|gen|goon|group|hipp|junk|vegg|(?:pork)?p|charl|calor|cut)ies$/i,
    '$1ie',
  ],
  [/\b(mon|smil)ies$/i, '$1ey'],
  [/\b((?:tit)?m|l)ice$/i, '$1ouse'],
  [/(seraph|cherub)im$/i, '$1'],
  [/(x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|t[lm]as|gas|(?:her|at|gr)o|[aeiou]ris)(?:es)?$/i, '$1'],
  [/(analy|diagno|parenthe|progno|synop|the|empha|cri|ne)(?:sis|ses)$/i, '$1sis'],
  [/(movie|twelve|abuse|e[mn]u)s$/i, '$1'],
  [/(test)(?:is|es)$/i, '$1is'],
  [/(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$/i, '$1us'],
  [/(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|quor)a$/i, '$1um'],
  [/(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)a$/i, '$1on'],
  [/(alumn|alg|vertebr)ae$/i, '$1a'],
  [/(cod|mur|sil|vert|ind)ices$/i, '$1ex'],
  [/(matr|append)ices$/i, '$1ix'],
  [/(pe)(rson|ople)$/i, '$1rson'],
  [/(child)ren$/i, '$1'],
  [/(eau)x?$/i, '$1'],
  [/men$/i, 'man'],
  ...UNCOUNTABLE_PATTERNS.map((p): Rule => [p, '$0']),
];

const singularOf = new Map(IRREGULAR.map(([s, p]) => [p, s]));
const pluralOf = new Map(IRREGULAR.map(([s, p]) => [s, p]));

/** Applies the case of `word` to `token`, as go-pluralize's restoreCase does. */
function restoreCase(word: string, token: string): string {
  if (word === token) return token;
  if (word === word.toLowerCase()) return token.toLowerCase();
  if (word === word.toUpperCase()) return token.toUpperCase();
  if (word[0] === word[0]?.toUpperCase()) return (token[0] ?? '').toUpperCase() + token.slice(1).toLowerCase();
  return token.toLowerCase();
}

function applyRule(word: string, [pattern, replacement]: Rule): string {
  const m = pattern.exec(word);
  if (m === null) return word;
  const result = replacement.replace(/\$(\d{1,2})/g, (_, n: string) => m[Number(n)] ?? '');
  // an empty match takes its case from the character before it
  const caseSource = m[0] === '' ? word.slice(m.index - 1, m.index) : m[0];
  return word.slice(0, m.index) + restoreCase(caseSource, result) + word.slice(m.index + m[0].length);
}

function sanitize(word: string, rules: readonly Rule[]): string {
  const token = word.toLowerCase();
  if (token === '' || UNCOUNTABLE_WORDS.has(token)) return word;
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as Rule;
    if (rule[0].test(word)) return applyRule(word, rule);
  }
  return word;
}

/** go-pluralize IsPlural. */
export function isPlural(word: string): boolean {
  const token = word.toLowerCase();
  if (singularOf.has(token)) return true;
  if (pluralOf.has(token)) return false;
  return sanitize(token, PLURAL_RULES) === token;
}

/** go-pluralize Singular. */
export function singular(word: string): string {
  const token = word.toLowerCase();
  if (pluralOf.has(token)) return restoreCase(word, token);
  const irregular = singularOf.get(token);
  if (irregular !== undefined) return restoreCase(word, irregular);
  return sanitize(word, SINGULAR_RULES);
}
