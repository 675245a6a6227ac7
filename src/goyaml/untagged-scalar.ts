// An untagged plain scalar: a hand-built `yaml.Node{Kind: ScalarNode, Value: text}` as cosi makes for every
// metadata value. It is written plain unless plain is impossible, never quoted because of what it looks like
// (`id: 0`, `owner:`), and read back by the resolver (so `0` becomes a number).

export class UntaggedScalar {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Shorthand for `new UntaggedScalar(text)`. */
export function untagged(text: string): UntaggedScalar {
  return new UntaggedScalar(text);
}
