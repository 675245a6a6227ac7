// Go standard-library text formats that Talos's and talosctl's output depends on: strconv.Quote (%q),
// text/tabwriter, time.Duration, Go's byte order of strings, *fs.PathError texts. Dependency-free, so every module may use it.
export { formatGoDuration, parseGoDuration } from './go-duration.js';
export { formatMultierror } from './go-multierror.js';
export { goErrnoText, goFsErrorText, goPathErrorText, isNotExist } from './go-path-error.js';
export { goQuote, isGoPrint } from './go-quote.js';
export { compareGoStrings } from './go-string-order.js';
export { TabWriter, type TabWriterOptions, tabwrite } from './tab-writer.js';
