/**
 * Argument checks shared by the FFT plans. They throw `RangeError` (a caller's programming error, like an
 * index out of range), with the expected and found values.
 */

/** Throws unless `arr.length === expected`. */
export function checkLength(where: string, name: string, arr: Float64Array, expected: number): void {
  if (arr.length !== expected) {
    throw new RangeError(`${where}: ${name} must hold ${expected} float64 values, found ${arr.length}`);
  }
}

/** True when the two views share at least one byte of memory. */
export function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer) return false;
  const a0 = a.byteOffset,
    b0 = b.byteOffset;
  return a0 < b0 + b.byteLength && b0 < a0 + a.byteLength;
}

/** True when both views cover exactly the same memory (the same array, or two views of one range). */
export function sameRange(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length;
}

/** Refuses any overlap between input and output (for transforms that are not in-place capable). */
export function refuseAliasing(where: string, input: Float64Array, out: Float64Array): void {
  if (overlaps(input, out)) {
    throw new RangeError(`${where}: input and output must not share memory; pass a separate output array`);
  }
}

/** Allows `out` to be exactly `input` (in place), refuses partial overlap. */
export function refusePartialAliasing(where: string, input: Float64Array, out: Float64Array): void {
  if (overlaps(input, out) && !sameRange(input, out)) {
    throw new RangeError(
      `${where}: input and output overlap partially; pass the same array (in place) or disjoint arrays`,
    );
  }
}
