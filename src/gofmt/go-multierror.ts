// hashicorp/go-multierror's default ListFormatFunc: how Talos and talosctl print several errors as one.
//   1 error occurred:\n\t* a\n\n
//   2 errors occurred:\n\t* a\n\t* b\n\n

export function formatMultierror(errors: readonly string[]): string {
  if (errors.length === 1) return `1 error occurred:\n\t* ${errors[0]}\n\n`;
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`;
}
