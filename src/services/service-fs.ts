// The part of the node's filesystem the supervisor touches: file conditions, environment files, mount sources
// created before a run, entrypoint lookup. The node passes its node:fs facade (overlayfs-sim NodeFs fits).

export interface ServiceFsStats {
  isDirectory(): boolean;
  isFile(): boolean;
  readonly mode: number;
}

export interface ServiceFs {
  statSync(path: string): ServiceFsStats;
  readFileSync(path: string, encoding: 'utf8'): string;
  mkdirSync(path: string, options: { readonly recursive: true; readonly mode: number }): unknown;
}
