/**
 * A small CIF 1.1 reader: tokenizes the text and groups values into blocks, categories and fields without
 * copying them. Values stay as (start, end) offsets into the text until a field is asked for one, so the
 * `_atom_site` loop of a 100 000-atom file costs one pass of `charCodeAt` plus the columns actually used.
 *
 * Syntax (IUCr CIF 1.1, "Common Rules"):
 * - Tokens are separated by blanks (space, tab, newline, CR). '#' starting a token begins a comment.
 * - `data_NAME` opens a block; `loop_` is followed by tags, then values filling rows tag by tag.
 * - A tag is `_category.field` (DDL2/mmCIF); tags without a dot form a category of their own. Tags and
 *   reserved words are case-insensitive; we lower-case category and field names.
 * - Quoted values: 'x' and "x". A quote closes the value only when followed by a blank or the end of the text,
 *   so `'O5'' ` is the value `O5'`. A quoted value cannot span lines.
 * - Text fields: a line starting with ';' opens one, the next line starting with ';' closes it. The value is
 *   what lies between, without the line break before the closing ';'.
 * - Unquoted '?' (unknown) and '.' (inapplicable) are missing values; quoted '?' and '.' are strings.
 *
 * Departures (deliberate): `save_` frames are skipped (dictionaries use them, coordinate files do not);
 * `global_` and `stop_` are errors; a text field whose first line is empty drops that line break. CIF 2.0
 * lists, tables and triple-quoted strings are not supported.
 */
import { parseDecimal } from './parse-number.js';
import type { ShortStringPool } from './string-pool.js';

/** A syntax error with the 1-based line where it was found. */
export class CifSyntaxError extends Error {
  override readonly name: string = 'CifSyntaxError';
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/** How a value was written. */
export const CifValueKind = {
  /** Unquoted value. */
  Plain: 0,
  /** Quoted value or text field (never a missing value). */
  Quoted: 1,
  /** Unquoted '?': unknown. */
  Unknown: 2,
  /** Unquoted '.': inapplicable. */
  Inapplicable: 3,
} as const;
export type CifValueKind = (typeof CifValueKind)[keyof typeof CifValueKind];

/** All values of a file, as offsets into its text (growable columns). */
class ValueStore {
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  push(start: number, end: number, kind: number): void {
    if (this.count === this.starts.length) {
      const n = this.count * 2;
      const s = new Int32Array(n);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(n);
      e.set(this.ends);
      this.ends = e;
      const k = new Uint8Array(n);
      k.set(this.kinds);
      this.kinds = k;
    }
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
  }
}

/** One column of a category: row r is value number `first + r * stride` of the file. */
export class CifField {
  constructor(
    private readonly text: string,
    private readonly store: ValueStore,
    /** Field name as written after the dot (original case). */
    readonly name: string,
    private readonly first: number,
    private readonly stride: number,
    readonly rowCount: number,
  ) {}

  private index(row: number): number {
    return this.first + row * this.stride;
  }

  kind(row: number): CifValueKind {
    return this.store.kinds[this.index(row)] as CifValueKind;
  }

  /** True for unquoted '?' or '.'. */
  isMissing(row: number): boolean {
    return this.store.kinds[this.index(row)] >= CifValueKind.Unknown;
  }

  /** The value as a string; '' when missing. */
  str(row: number): string {
    const i = this.index(row);
    if (this.store.kinds[i] >= CifValueKind.Unknown) return '';
    return this.text.substring(this.store.starts[i], this.store.ends[i]);
  }

  /** As `str`, with short values shared through `pool` (names, chain ids: no new string per row). */
  strPooled(row: number, pool: ShortStringPool): string {
    const i = this.index(row);
    if (this.store.kinds[i] >= CifValueKind.Unknown) return '';
    return pool.get(this.text, this.store.starts[i], this.store.ends[i]);
  }

  /** The value as written, quotes removed, '?' and '.' kept (for messages). */
  raw(row: number): string {
    const i = this.index(row);
    return this.text.substring(this.store.starts[i], this.store.ends[i]);
  }

  /** The value as a number (a CIF standard uncertainty '(n)' is ignored); NaN when missing or not a number. */
  float(row: number): number {
    const i = this.index(row);
    if (this.store.kinds[i] >= CifValueKind.Unknown) return NaN;
    return parseNumberSlice(this.text, this.store.starts[i], this.store.ends[i]);
  }

  /** 1-based line of the value (counts line breaks: for error messages, not for loops). */
  line(row: number): number {
    return lineAt(this.text, this.store.starts[this.index(row)]);
  }
}

/** A category: its fields (by lower-case name) and row count (1 for items outside a loop). */
export class CifCategory {
  readonly fields = new Map<string, CifField>();
  constructor(
    /** Lower-case name with the leading underscore, e.g. '_atom_site'. */
    readonly name: string,
    readonly rowCount: number,
    /** Whether it was written as a loop_. */
    readonly isLoop: boolean,
  ) {}

  /** The field named `name` (case-insensitive, without category), or undefined. */
  field(name: string): CifField | undefined {
    return this.fields.get(name.toLowerCase());
  }
}

export class CifBlock {
  readonly categories = new Map<string, CifCategory>();
  constructor(
    /** Block name after 'data_' (original case). */
    readonly name: string,
  ) {}

  /** The category named `name` ('_atom_site' or 'atom_site', case-insensitive), or undefined. */
  category(name: string): CifCategory | undefined {
    const key = name.startsWith('_') ? name.toLowerCase() : `_${name.toLowerCase()}`;
    return this.categories.get(key);
  }
}

export interface CifDocument {
  readonly blocks: readonly CifBlock[];
}

function parseNumberSlice(text: string, start: number, end: number): number {
  return parseDecimal(text, start, end, true);
}

/** 1-based line number of offset `pos`. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  let i = text.indexOf('\n');
  while (i >= 0 && i < pos) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

const TOKEN_EOF = 0;
const TOKEN_VALUE = 1;
const TOKEN_TAG = 2;
const TOKEN_LOOP = 3;
const TOKEN_DATA = 4;
const TOKEN_SAVE = 5;

function isBlankCode(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Lower-case ASCII letter code. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Case-insensitive comparison of text[pos, pos + word.length) with a lower-case ASCII `word`. */
function matchesWord(text: string, pos: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if (lower(text.charCodeAt(pos + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

class Tokenizer {
  pos = 0;
  /** The current token: type, value span and value kind. */
  type = TOKEN_EOF;
  start = 0;
  end = 0;
  kind: number = CifValueKind.Plain;
  private readonly len: number;

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  /**
   * Reads loop values into `store` until the next token that is not a value, which is left as the current
   * token (as `next()` would). Plain values are scanned inline (the hot path of `_atom_site`); quoted values,
   * text fields, comments and possible reserved words go through `next()`. Returns the number of values read.
   */
  scanValues(store: ValueStore): number {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    let n = 0;
    for (;;) {
      let c = 0;
      while (pos < len) {
        c = text.charCodeAt(pos);
        if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
        else break;
      }
      if (pos >= len) {
        this.pos = len;
        this.type = TOKEN_EOF;
        return n;
      }
      let j = pos + 1;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (d === 32 || d === 10 || d === 13 || d === 9) break;
        j++;
      }
      const lc = c | 32;
      const special =
        c === 35 || c === 39 || c === 34 || c === 59 || c === 95 ||
        (j - pos >= 5 && (lc === 100 || lc === 108 || lc === 115 || lc === 103)); // prettier-ignore
      if (special) {
        this.pos = pos;
        if (this.next() !== TOKEN_VALUE) return n;
        store.push(this.start, this.end, this.kind);
        n++;
        pos = this.pos;
        continue;
      }
      const kind =
        j - pos === 1 && (c === 63 || c === 46)
          ? c === 63
            ? CifValueKind.Unknown
            : CifValueKind.Inapplicable
          : CifValueKind.Plain;
      store.push(pos, j, kind);
      n++;
      pos = j;
    }
  }

  fail(pos: number, problem: string): never {
    throw new CifSyntaxError(lineAt(this.text, pos), problem);
  }

  next(): number {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    // blanks and comments
    for (;;) {
      while (pos < len && isBlankCode(text.charCodeAt(pos))) pos++;
      if (pos < len && text.charCodeAt(pos) === 35 /* # */) {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? len : nl + 1;
        continue;
      }
      break;
    }
    if (pos >= len) {
      this.pos = len;
      this.type = TOKEN_EOF;
      return TOKEN_EOF;
    }
    const c = text.charCodeAt(pos);
    if (c === 39 || c === 34) {
      // quoted: closes at the same quote followed by a blank or the end
      let j = pos + 1;
      for (;;) {
        if (j >= len) this.fail(pos, 'unterminated quoted string (a quote closes only before a blank)');
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) {
          this.fail(pos, 'unterminated quoted string (a quote closes only before a blank)');
        }
        if (d === c && (j + 1 >= len || isBlankCode(text.charCodeAt(j + 1)))) break;
        j++;
      }
      this.start = pos + 1;
      this.end = j;
      this.kind = CifValueKind.Quoted;
      this.pos = j + 1;
      this.type = TOKEN_VALUE;
      return TOKEN_VALUE;
    }
    if (
      c === 59 /* ; */ &&
      (pos === 0 || text.charCodeAt(pos - 1) === 10 || text.charCodeAt(pos - 1) === 13)
    ) {
      const close = text.indexOf('\n;', pos + 1);
      if (close < 0) this.fail(pos, "unterminated text field (no line starting with ';' closes it)");
      let start = pos + 1;
      if (text.charCodeAt(start) === 13 && text.charCodeAt(start + 1) === 10) start += 2;
      else if (text.charCodeAt(start) === 10) start += 1;
      let end = close;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (end < start) end = start;
      this.start = start;
      this.end = end;
      this.kind = CifValueKind.Quoted;
      this.pos = close + 2;
      this.type = TOKEN_VALUE;
      return TOKEN_VALUE;
    }
    let j = pos + 1;
    while (j < len && !isBlankCode(text.charCodeAt(j))) j++;
    this.start = pos;
    this.end = j;
    this.pos = j;
    if (c === 95 /* _ */) {
      this.type = TOKEN_TAG;
      return TOKEN_TAG;
    }
    const n = j - pos;
    if (n === 1 && (c === 63 /* ? */ || c === 46) /* . */) {
      this.kind = c === 63 ? CifValueKind.Unknown : CifValueKind.Inapplicable;
      this.type = TOKEN_VALUE;
      return TOKEN_VALUE;
    }
    const lc = lower(c);
    if (n >= 5 && (lc === 100 || lc === 108 || lc === 115 || lc === 103) /* d l s g */) {
      if (matchesWord(text, pos, 'data_')) {
        this.start = pos + 5;
        this.type = TOKEN_DATA;
        return TOKEN_DATA;
      }
      if (n === 5 && matchesWord(text, pos, 'loop_')) {
        this.type = TOKEN_LOOP;
        return TOKEN_LOOP;
      }
      if (matchesWord(text, pos, 'save_')) {
        this.start = pos + 5;
        this.type = TOKEN_SAVE;
        return TOKEN_SAVE;
      }
      if (n === 7 && matchesWord(text, pos, 'global_')) this.fail(pos, "'global_' blocks are not supported");
    }
    if (n === 5 && lc === 115 && matchesWord(text, pos, 'stop_')) this.fail(pos, "'stop_' is not supported");
    this.kind = CifValueKind.Plain;
    this.type = TOKEN_VALUE;
    return TOKEN_VALUE;
  }
}

/** Splits a tag into lower-case category and field ('_atom_site.Cartn_x' → '_atom_site', 'cartn_x'). */
function splitTag(tag: string): [category: string, field: string, fieldAsWritten: string] {
  const dot = tag.indexOf('.');
  if (dot < 0) return [tag.toLowerCase(), '', ''];
  return [tag.slice(0, dot).toLowerCase(), tag.slice(dot + 1).toLowerCase(), tag.slice(dot + 1)];
}

/** Parses CIF text. Throws `CifSyntaxError` (with a line number) on malformed input. */
export function parseCif(text: string): CifDocument {
  const tk = new Tokenizer(text);
  // about one value per 5 characters in an _atom_site loop; grows by doubling when wrong
  const store = new ValueStore(Math.max(4096, Math.ceil(text.length / 5)));
  const blocks: CifBlock[] = [];
  let block: CifBlock | null = null;
  /** Single (non-loop) items of the current block, gathered per category until the block ends. */
  let singles = new Map<string, { fields: [string, string, number][] }>();
  let inSave = false;

  const flushSingles = () => {
    if (block === null) return;
    for (const [cat, { fields }] of singles) {
      const category = new CifCategory(cat, 1, false);
      for (const [key, asWritten, index] of fields) {
        category.fields.set(key, new CifField(text, store, asWritten, index, 0, 1));
      }
      block.categories.set(cat, category);
    }
    singles = new Map();
  };

  const needBlock = (pos: number): CifBlock => {
    if (block === null) return tk.fail(pos, "data found before the first 'data_' block header");
    return block;
  };

  let t = tk.next();
  while (t !== TOKEN_EOF) {
    if (t === TOKEN_DATA) {
      flushSingles();
      block = new CifBlock(text.substring(tk.start, tk.end));
      blocks.push(block);
      inSave = false;
      t = tk.next();
    } else if (t === TOKEN_SAVE) {
      needBlock(tk.start);
      // 'save_name' opens a frame, a bare 'save_' closes it; the frame's contents are skipped
      inSave = tk.end > tk.start;
      t = tk.next();
    } else if (t === TOKEN_TAG) {
      const b = needBlock(tk.start);
      const tagStart = tk.start;
      const tag = text.substring(tk.start, tk.end);
      t = tk.next();
      if (t !== TOKEN_VALUE) tk.fail(tagStart, `tag ${tag} has no value`);
      if (!inSave) {
        const [cat, key, asWritten] = splitTag(tag);
        if (b.categories.has(cat)) tk.fail(tagStart, `category ${cat} was already given as a loop`);
        let entry = singles.get(cat);
        if (entry === undefined) singles.set(cat, (entry = { fields: [] }));
        if (entry.fields.some((f) => f[0] === key)) tk.fail(tagStart, `tag ${tag} appears twice`);
        entry.fields.push([key, asWritten, store.count]);
        store.push(tk.start, tk.end, tk.kind);
      }
      t = tk.next();
    } else if (t === TOKEN_LOOP) {
      const b = needBlock(tk.start);
      const loopStart = tk.start;
      const tags: string[] = [];
      t = tk.next();
      while (t === TOKEN_TAG) {
        tags.push(text.substring(tk.start, tk.end));
        t = tk.next();
      }
      if (tags.length === 0) tk.fail(loopStart, 'loop_ without tags');
      const firstValue = store.count;
      let values = 0;
      if (t === TOKEN_VALUE) {
        store.push(tk.start, tk.end, tk.kind);
        values = 1 + tk.scanValues(store);
        t = tk.type;
      }
      const ncols = tags.length;
      if (values % ncols !== 0) {
        tk.fail(
          loopStart,
          `loop of ${tags[0]} has ${ncols} tags but ${values} values, not a multiple of ${ncols} ` +
            '(a value with a blank that is not quoted?)',
        );
      }
      if (inSave) {
        store.count = firstValue; // a save frame's values are not kept
        continue;
      }
      const rows = values / ncols;
      const createdHere = new Set<string>();
      for (let col = 0; col < ncols; col++) {
        const [cat, key, asWritten] = splitTag(tags[col]);
        let category = b.categories.get(cat);
        if (category === undefined) {
          if (singles.has(cat)) tk.fail(loopStart, `category ${cat} is given both as a loop and as items`);
          category = new CifCategory(cat, rows, true);
          b.categories.set(cat, category);
          createdHere.add(cat);
        } else if (!createdHere.has(cat)) {
          tk.fail(loopStart, `category ${cat} appears in two loops`);
        }
        if (category.fields.has(key)) tk.fail(loopStart, `tag ${tags[col]} appears twice`);
        category.fields.set(key, new CifField(text, store, asWritten, firstValue + col, ncols, rows));
      }
    } else {
      // a value where a tag, loop_ or data_ was expected
      tk.fail(tk.start, `value '${text.substring(tk.start, tk.end).slice(0, 40)}' without a tag`);
    }
  }
  flushSingles();
  return { blocks };
}
