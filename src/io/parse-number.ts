/**
 * Number parsing on a slice of a string, without making a substring (the readers' hot path).
 *
 * Plain decimals ('-12.345', '0.83', '17') are parsed by accumulating the digits into an integer and dividing
 * by a power of ten; both are exact doubles (≤ 15 significant digits, ≤ 22 decimals), so the quotient is the
 * correctly rounded value and equals `Number(text)`. Anything else (exponents, very long mantissas) falls back
 * to `Number` on the slice. Leading and trailing blanks are allowed; '-0' reads as 0.
 */

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
]; // prettier-ignore

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The decimal number in `text[start, end)`, or NaN when the slice is blank or not a number. With `cifEsd`, a
 * standard uncertainty in parentheses after the number ('1.234(5)', CIF style) is accepted and ignored.
 */
export function parseDecimal(text: string, start: number, end: number, cifEsd = false): number {
  let i = start;
  while (i < end && isBlankCode(text.charCodeAt(i))) i++;
  let e = end;
  while (e > i && isBlankCode(text.charCodeAt(e - 1))) e--;
  if (i >= e) return NaN;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDigit = false;
  let seenPoint = false;
  for (; i < e; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seenDigit = true;
      if (mantissa !== 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      if (seenPoint) decimals++;
    } else if (c === 46 && !seenPoint) {
      seenPoint = true;
    } else break;
  }
  if (i < e) {
    if (cifEsd && c === 40 && seenDigit && isEsdTail(text, i, e)) {
      // fall through with the value parsed so far
    } else {
      return slowNumber(text, start, cifEsd ? esdStart(text, start, e) : e);
    }
  }
  if (!seenDigit) return NaN;
  if (digits > 15 || decimals > 22) return slowNumber(text, start, cifEsd ? esdStart(text, start, e) : e);
  const value = decimals === 0 ? mantissa : mantissa / POW10[decimals];
  return (negative ? -value : value) + 0;
}

/** True when `text[i, e)` is '(digits)'. */
function isEsdTail(text: string, i: number, e: number): boolean {
  if (text.charCodeAt(e - 1) !== 41 || e - i < 3) return false;
  for (let k = i + 1; k < e - 1; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** End of the number proper when a '(digits)' tail is present, else `e`. */
function esdStart(text: string, start: number, e: number): number {
  const p = text.indexOf('(', start);
  return p >= 0 && p < e && isEsdTail(text, p, e) ? p : e;
}

function slowNumber(text: string, start: number, end: number): number {
  const s = text.slice(start, end).trim();
  if (s === '') return NaN;
  // Number() accepts forms a coordinate file never means ('0x1f', 'Infinity', '0b1'); only decimals pass here.
  const c = s.charCodeAt(s.length - 1);
  if (!((c >= 48 && c <= 57) || c === 46) || /[xXbBoOyY]/.test(s)) return NaN;
  return Number(s) + 0;
}

/** The integer in `text[start, end)`, or NaN when blank, fractional or not a number. */
export function parseInteger(text: string, start: number, end: number): number {
  const v = parseDecimal(text, start, end);
  return Number.isInteger(v) ? v : NaN;
}

/** True when `text[start, end)` holds only blanks (or is empty). */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlankCode(text.charCodeAt(i))) return false;
  return true;
}
