// The README's CLI reference is the one the command definitions render (UPDATE_GOLDEN=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from '../../src/cli/cli-reference.js';

const README = join(import.meta.dirname, '../../README.md');
const START =
  '<!-- cli-reference:start (generated from the command definitions: UPDATE_GOLDEN=1 npm test rewrites it) -->\n';
const END = '<!-- cli-reference:end -->';

describe('README CLI reference', () => {
  it('is what the command definitions render', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const rendered = renderCliReference();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(README, readme.slice(0, start + START.length) + rendered + readme.slice(end));
      return;
    }
    expect(readme.slice(start + START.length, end)).toBe(rendered);
  });
});
