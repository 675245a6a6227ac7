// The files of an OCI image layout or docker archive, wherever they are (a directory, a tarball in memory), as the
// image readers see them: content by relative path.

export interface ImageFiles {
  /** What the files are, for error messages (`/tmp/layout`, `archive image.tar`). */
  readonly name: string;
  /** Contents of the file at `path` (relative, `/`-separated), or undefined when there is none. */
  read(path: string): Uint8Array | undefined;
}
