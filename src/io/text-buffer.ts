/**
 * A growable UTF-8 byte buffer for the writers. Appending short strings to bytes is several times cheaper than
 * concatenating JS strings and joining lines (no intermediate strings to collect), which is most of the cost of
 * writing a 100 000-atom model.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export class TextBuffer {
  private bytes: Uint8Array;
  length = 0;

  constructor(initialBytes = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(16, initialBytes));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const b = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    b.set(this.bytes.subarray(0, this.length));
    this.bytes = b;
  }

  /** Appends `s` (UTF-8). */
  put(s: string): void {
    const n = s.length;
    this.reserve(n);
    const bytes = this.bytes;
    let k = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.length = k;
        this.putUtf8(s.slice(i));
        return;
      }
      bytes[k++] = c;
    }
    this.length = k;
  }

  private putUtf8(s: string): void {
    const encoded = encoder.encode(s);
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  /** Appends `n` blanks (none when n ≤ 0). */
  spaces(n: number): void {
    if (n <= 0) return;
    this.reserve(n);
    this.bytes.fill(32, this.length, this.length + n);
    this.length += n;
  }

  /** Appends `s` right-justified in `width` columns (`s` longer than `width` is written whole). */
  padStart(s: string, width: number): void {
    this.spaces(width - s.length);
    this.put(s);
  }

  /** Appends `s` left-justified in `width` columns. */
  padEnd(s: string, width: number): void {
    this.put(s);
    this.spaces(width - s.length);
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  toString(): string {
    return decoder.decode(this.bytes.subarray(0, this.length));
  }
}
