// What a seeded extension's rootfs recipe knows about the image being built, and the placeholders recipes use for
// what talos-sim does not carry (binaries, kernel modules, firmware): small files naming what they stand for.
import type { FileSpec } from '../image/image-description.js';
import { parseTalosVersion } from '../talos-version.js';

export interface SeedContext {
  /** The extension's image reference (`ghcr.io/siderolabs/zfs:2.4.2-v1.14.0-alpha.1`). */
  readonly reference: string;
  /** Talos release the image was built for (`v1.14.0-alpha.1`). */
  readonly talos: string;
  /** Kernel module directory of that release (`/usr/lib/modules/6.18.33-talos`, `/lib/modules/…` before v1.10). */
  readonly modules: string;
  /** Firmware directory of that release (`/usr/lib/firmware`, `/lib/firmware` before v1.10). */
  readonly firmware: string;
}

/** Whether the image is built for `release` or a later one (pre-releases sort before their release). */
export function builtSince(ctx: SeedContext, release: string): boolean {
  return parseTalosVersion(ctx.talos).compare(parseTalosVersion(release)) >= 0;
}

export function binary(ctx: SeedContext, path: string): FileSpec {
  return {
    kind: 'file',
    mode: 0o755,
    content: `talos-sim placeholder for ${path} from ${ctx.reference}, built for Talos ${ctx.talos}\n`,
  };
}

export function blob(ctx: SeedContext, path: string): FileSpec {
  return `talos-sim placeholder for ${path} from ${ctx.reference}, built for Talos ${ctx.talos}\n`;
}

/** The files every module extension copies first (`modules.txt` starts with them), plus its modules. */
export function modules(
  ctx: SeedContext,
  paths: readonly string[],
  extra: readonly string[] = [],
): Record<string, FileSpec> {
  const out: Record<string, FileSpec> = {};
  for (const f of ['modules.order', 'modules.builtin', 'modules.builtin.modinfo', ...extra]) {
    out[`${ctx.modules}/${f}`] = blob(ctx, `${ctx.modules}/${f}`);
  }
  for (const p of paths) out[`${ctx.modules}/${p}`] = blob(ctx, `${ctx.modules}/${p}`);
  return out;
}

/** Firmware files under the release's firmware directory. */
export function firmware(ctx: SeedContext, dir: string, names: readonly string[]): Record<string, FileSpec> {
  return Object.fromEntries(names.map((f) => [`${ctx.firmware}/${dir}/${f}`, blob(ctx, f)]));
}
