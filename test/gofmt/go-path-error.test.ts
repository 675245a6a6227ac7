// Go's *fs.PathError texts, one errno table for machined's errors, the controllers and the services.
import { describe, expect, it } from 'vitest';
import { goErrnoText, goFsErrorText, goPathErrorText, isNotExist } from '../../src/gofmt/index.js';

describe('Go PathError texts', () => {
  it('prints op, path and strerror as Go does', () => {
    expect(goPathErrorText('lstat', '/nope', 'ENOENT')).toBe('lstat /nope: no such file or directory');
    expect(goErrnoText('ELOOP')).toBe('too many levels of symbolic links');
  });

  it("takes a node:fs error's code and path; keeps the message of errors it cannot read", () => {
    const enoent = Object.assign(new Error('ENOENT: no such file or directory, open'), { code: 'ENOENT', path: '/x' });
    expect(goFsErrorText(enoent, 'open')).toBe('open /x: no such file or directory');
    expect(goFsErrorText(enoent, 'stat', '/y')).toBe('stat /y: no such file or directory');
    expect(goFsErrorText(new Error('boom'), 'open', '/x')).toBe('boom');
    expect(goFsErrorText(Object.assign(new Error('odd'), { code: 'EWHAT', path: '/x' }), 'open')).toBe('odd');
  });

  it('finds ENOENT through wrapped causes, as errors.Is does', () => {
    const inner = Object.assign(new Error('x'), { code: 'ENOENT' });
    expect(isNotExist(new Error('outer', { cause: inner }))).toBe(true);
    expect(isNotExist(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
  });
});
