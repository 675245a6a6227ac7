// The files of an OCI image layout or docker archive, wherever they are (a directory, a tarball in memory), as the
// image readers see them: content by relative path, each read bounded.

export interface ImageFiles {
  /** What the files are, for error messages (`/tmp/layout`, `archive image.tar`). */
  readonly name: string;
  /**
   * Contents of the regular file at `path` (relative, `/`-separated), or undefined when there is none. A file larger
   * than `maxBytes` throws ImageSourceError `too-large` before it is read; one that cannot be read (a special file,
   * a symbolic link out of a layout) throws ImageSourceError too.
   */
  read(path: string, maxBytes: number): Uint8Array | undefined;
}
