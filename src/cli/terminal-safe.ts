// Text for a terminal. Names, versions and addresses come from untrusted inputs (manifests, image tags, scenarios);
// sent raw, an ESC or BEL in them would recolour, retitle or rewrite the user's terminal. When a stream is a
// terminal, control characters other than newline and tab are shown as `\xNN` escapes (`\x1b`) instead. Pipes and
// files get exactly the bytes talosctl prints, so goldens and scripts see upstream's output.

/** C0 controls but tab and newline, DEL, and the C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A chunk as it may go to `stream`: text made terminal-safe when the stream is a terminal; bytes as they are. */
export function forStream<T extends string | Uint8Array>(stream: { readonly isTTY?: boolean }, chunk: T): T {
  return stream.isTTY === true && typeof chunk === 'string' ? (terminalSafe(chunk) as T) : chunk;
}
