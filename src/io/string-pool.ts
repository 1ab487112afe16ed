/**
 * Shares the strings of short fields (atom and residue names, chain ids, elements): a model of 100 000 atoms
 * has a few hundred distinct ones, so looking them up by their characters saves one string allocation per
 * field per atom, which is most of a reader's garbage.
 *
 * A slice of 1–4 characters below 128 is packed into one small integer (7 bits a character; characters are
 * never 0, so slices of different lengths never collide) and looked up; anything else is sliced as usual.
 */
export class ShortStringPool {
  private readonly map = new Map<number, string>();

  /** `trim`: the pooled value is the slice without leading and trailing blanks (fixed-column fields). */
  constructor(private readonly trim: boolean) {}

  get(text: string, start: number, end: number): string {
    const n = end - start;
    if (n < 1 || n > 4) return this.slice(text, start, end);
    let key = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c >= 128) return this.slice(text, start, end);
      key = key * 128 + c;
    }
    let s = this.map.get(key);
    if (s === undefined) {
      s = this.slice(text, start, end);
      this.map.set(key, s);
    }
    return s;
  }

  private slice(text: string, start: number, end: number): string {
    const s = text.substring(start, end);
    return this.trim ? s.trim() : s;
  }
}
