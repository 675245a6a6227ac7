// One line of `talosctl ls -l`: NODE, MODE, UID, GID, SIZE(B), LASTMOD, LABEL (from v1.8) and NAME, as list.go
// formats them: sizes and times plain or humanized, times in the client's zone, "recent" meaning less than six
// 30-day months ago on the client's clock (future times count as recent).
import { goFileModeString } from './go-file-mode.js';
import { humanizeBytes, humanizeTime } from './go-humanize.js';
import { formatLastMod } from './go-time-format.js';
import type { ListedFile } from './list-machined.js';
import type { NodeCommandTalosctl } from './node-command-release.js';

const SIX_MONTHS_MS = 6 * 30 * 24 * 3600 * 1000;

export interface LongRowContext {
  readonly label: NodeCommandTalosctl['label'];
  readonly humanize: boolean;
  /** The client's clock, ms since the epoch. */
  readonly now: number;
  /** The client's zone (Go's time.Local). */
  readonly timeZone: string;
}

export function longHeader(label: NodeCommandTalosctl['label']): string {
  return label === 'none'
    ? 'NODE\tMODE\tUID\tGID\tSIZE(B)\tLASTMOD\tNAME\n'
    : 'NODE\tMODE\tUID\tGID\tSIZE(B)\tLASTMOD\tLABEL\tNAME\n';
}

const decoder = new TextDecoder();

/** The `security.selinux` value: raw (v1.8, v1.9), or with NULs and newlines trimmed from both ends. */
function labelOf(file: ListedFile, mode: NodeCommandTalosctl['label']): string {
  const data = file.xattrs.find((x) => x.name === 'security.selinux')?.data;
  if (data === undefined) return '';
  const text = decoder.decode(data);
  return mode === 'trimmed' ? text.replace(/^[\0\n]+|[\0\n]+$/g, '') : text;
}

export function longRow(node: string, file: ListedFile, ctx: LongRowContext): string {
  const display = file.link === '' ? file.relativeName : `${file.relativeName} -> ${file.link}`;
  const size = ctx.humanize ? humanizeBytes(file.size) : String(file.size);
  const modifiedMs = file.modified * 1000;
  const lastMod = ctx.humanize
    ? humanizeTime(modifiedMs, ctx.now)
    : formatLastMod(modifiedMs, ctx.timeZone, ctx.now - modifiedMs < SIX_MONTHS_MS);
  const cells = [node, goFileModeString(file.mode), String(file.uid), String(file.gid), size, lastMod];
  if (ctx.label !== 'none') cells.push(labelOf(file, ctx.label));
  cells.push(display);
  return `${cells.join('\t')}\n`;
}
