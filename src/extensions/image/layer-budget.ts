// The bound on one image's layers taken together (issue: six 1000 MB layers each passed a per-layer bound and held
// 7 GB): every layer's uncompressed bytes are taken from one budget, and the first layer that does not fit fails.
import { ImageSourceError } from './image-source-error.js';

export class LayerBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** What the next layer may still use. */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Counts `bytes` uncompressed layer bytes; throws ImageSourceError `too-large` past the limit. */
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw this.exceeded();
  }

  exceeded(): ImageSourceError {
    return new ImageSourceError({ kind: 'too-large', what: LAYERS, limit: this.limit });
  }
}

const LAYERS = 'the image (its layers uncompressed, together)';
