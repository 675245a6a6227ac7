// Reading `.modinfo` from kernel modules: ELF files of both classes and byte orders written in the test, signed
// modules, and everything that is not a well-formed ELF file (no modinfo, never an exception).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModinfo } from '../../src/imager/index.js';
import { elfModule } from '../fixtures/imager/elf-module.js';

const INFO = [
  'license=GPL',
  'depends=snd-timer,snd',
  'alias=pci:v00008086d*',
  'name=snd_pcm',
  'vermagic=6.12.48-talos',
];

describe('readModinfo', () => {
  it.each([
    [64, false],
    [64, true],
    [32, false],
    [32, true],
  ] as const)('reads the key=value strings of an ELF%d module (big-endian: %s)', (bits, bigEndian) => {
    expect(readModinfo(elfModule(INFO, { bits, bigEndian, signed: true }))).toEqual([
      { key: 'license', value: 'GPL' },
      { key: 'depends', value: 'snd-timer,snd' },
      { key: 'alias', value: 'pci:v00008086d*' },
      { key: 'name', value: 'snd_pcm' },
      { key: 'vermagic', value: '6.12.48-talos' },
    ]);
  });

  it('keeps an empty depends= and skips padding NULs', () => {
    expect(readModinfo(elfModule(['depends=', '', '', 'license=GPL']))).toEqual([
      { key: 'depends', value: '' },
      { key: 'license', value: 'GPL' },
    ]);
  });

  it('has no modinfo for text placeholders, truncated ELF files or ELF files without the section', () => {
    const module = elfModule(INFO);
    expect(readModinfo(new TextEncoder().encode('talos-sim placeholder for drbd.ko\n'))).toBeUndefined();
    expect(readModinfo(module.subarray(0, 60))).toBeUndefined();
    expect(readModinfo(module.subarray(0, module.length - 10))).toBeUndefined();
    const renamed = module.slice();
    const at = Buffer.from(renamed).indexOf('\0.modinfo\0.shstrtab\0');
    renamed[at + 2] = 0x4e; // `.Nodinfo`
    expect(readModinfo(renamed)).toBeUndefined();
  });

  it('never throws on damaged ELF files', () => {
    const module = elfModule(INFO);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(module.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (edits) => {
          const bytes = module.slice();
          for (const [at, value] of edits) bytes[at] = value;
          const info = readModinfo(bytes);
          expect(info === undefined || Array.isArray(info)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });
});
