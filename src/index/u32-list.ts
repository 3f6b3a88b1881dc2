/**
 * A list of 32-bit numbers that grows by doubling: an index build appends ~10⁸ numbers and must not
 * keep them in JS arrays.
 */
export class U32List {
  data: Uint32Array<ArrayBuffer> = new Uint32Array(1 << 14);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  /** The numbers pushed, in an array of their own (transferable to another thread). */
  done(): Uint32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
}
