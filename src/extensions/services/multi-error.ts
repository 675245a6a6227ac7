// hashicorp/go-multierror's default list format, which Talos uses for every collected validation error:
// `1 error occurred:\n\t* <msg>\n\n` and `<N> errors occurred:\n\t* <m1>\n\t* <m2>\n\n`.

/** The text of a `*multierror.Error` holding these messages (at least one). */
export function formatMultiError(messages: readonly string[]): string {
  if (messages.length === 1) return `1 error occurred:\n\t* ${messages[0]}\n\n`;
  return `${messages.length} errors occurred:\n\t${messages.map((m) => `* ${m}`).join('\n\t')}\n\n`;
}
