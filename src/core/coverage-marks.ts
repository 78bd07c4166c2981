// The LSOAs each scheme covers as the coverage core marks them (coverage.ts and the per-shape
// files coverage-point.ts, coverage-line.ts, coverage-polygon.ts, coverage-share.ts).

/**
 * The LSOAs each scheme covers, each once, kept end to end in one growing array (100k schemes
 * would otherwise mean 100k small buffers for the collector).
 */
export class Marks {
  private readonly stamp: Int32Array;
  private scheme = -1;
  private all = new Uint32Array(1024);
  private size = 0;
  private readonly starts: number[] = [];

  constructor(count: number) {
    this.stamp = new Int32Array(count).fill(-1);
  }

  begin(scheme: number): void {
    this.scheme = scheme;
    this.starts.push(this.size);
  }

  add(lsoa: number): void {
    if (this.stamp[lsoa] === this.scheme) return;
    this.stamp[lsoa] = this.scheme;
    if (this.size === this.all.length) {
      const grown = new Uint32Array(this.all.length * 2);
      grown.set(this.all);
      this.all = grown;
    }
    this.all[this.size++] = lsoa;
  }

  has(lsoa: number): boolean {
    return this.stamp[lsoa] === this.scheme;
  }

  /** Per scheme begun, its LSOAs ascending (views of one array). */
  lists(): Uint32Array[] {
    const all = this.all.slice(0, this.size);
    return this.starts.map((start, k) => all.subarray(start, this.starts[k + 1] ?? this.size).sort());
  }
}
