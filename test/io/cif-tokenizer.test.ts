import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CifSyntaxError, CifValueKind, lineAt, parseCif } from '../../src/io/cif-tokenizer.js';

test('blocks, single items and loops; tags are case-insensitive', () => {
  const doc = parseCif(
    [
      '# a comment',
      'data_1ABC',
      '_entry.id 1ABC',
      '_cell.length_a   10.5',
      '_Cell.Length_B   20.25(3)',
      'loop_',
      '_atom_site.id',
      '_atom_site.Cartn_x',
      '1 1.5',
      '2 -2.25   # trailing comment',
      'data_second',
      '_x.y z',
    ].join('\n'),
  );
  assert.equal(doc.blocks.length, 2);
  const b = doc.blocks[0];
  assert.equal(b.name, '1ABC');
  assert.equal(b.category('entry')?.field('id')?.str(0), '1ABC');
  assert.equal(b.category('_CELL')?.field('length_b')?.float(0), 20.25);
  const site = b.category('_atom_site')!;
  assert.equal(site.rowCount, 2);
  assert.ok(site.isLoop);
  assert.equal(site.field('cartn_x')?.name, 'Cartn_x');
  assert.deepEqual([site.field('Cartn_x')!.float(0), site.field('Cartn_x')!.float(1)], [1.5, -2.25]);
  assert.equal(site.field('id')!.line(1), 10);
  assert.equal(doc.blocks[1].category('_x')?.field('y')?.str(0), 'z');
});

test("quotes close only before a blank: 'O5'' is O5'", () => {
  const doc = parseCif("data_q\nloop_\n_a.v\n'O5'' \"it's\" 'a b' 'x'y' ''\n");
  const f = doc.blocks[0].category('_a')!.field('v')!;
  assert.deepEqual(
    Array.from({ length: f.rowCount }, (_, i) => f.str(i)),
    ["O5'", "it's", 'a b', "x'y", ''],
  );
});

test('? and . are missing only when unquoted', () => {
  const doc = parseCif('data_m\nloop_\n_a.v\n? . \'?\' "." ?x\n');
  const f = doc.blocks[0].category('_a')!.field('v')!;
  assert.deepEqual(
    Array.from({ length: 5 }, (_, i) => f.kind(i)),
    [
      CifValueKind.Unknown,
      CifValueKind.Inapplicable,
      CifValueKind.Quoted,
      CifValueKind.Quoted,
      CifValueKind.Plain,
    ],
  );
  assert.deepEqual(
    Array.from({ length: 5 }, (_, i) => f.str(i)),
    ['', '', '?', '.', '?x'],
  );
  assert.ok(f.isMissing(0) && f.isMissing(1) && !f.isMissing(2));
  assert.ok(Number.isNaN(f.float(0)));
  assert.equal(f.raw(0), '?');
});

test('text fields: between lines starting with ;, first empty line break dropped, CRLF tolerated', () => {
  const doc = parseCif('data_t\r\n_a.title\r\n;\r\nfirst line\r\nsecond; line\r\n;\r\n_a.next ;notatext\r\n');
  const cat = doc.blocks[0].category('_a')!;
  assert.equal(cat.field('title')!.str(0), 'first line\r\nsecond; line');
  assert.equal(cat.field('next')!.str(0), ';notatext');
});

test('text fields inside loops', () => {
  const doc = parseCif('data_t\nloop_\n_a.id\n_a.text\n1\n;\nline\n;\n2 plain\n');
  const cat = doc.blocks[0].category('_a')!;
  assert.equal(cat.rowCount, 2);
  assert.equal(cat.field('text')!.str(0), 'line');
  assert.equal(cat.field('text')!.str(1), 'plain');
});

test('reserved words are case-insensitive; values that merely start like them are values', () => {
  const doc = parseCif('DATA_x\nLOOP_\n_a.v\ndata loop datum loops_x\n');
  const f = doc.blocks[0].category('_a')!.field('v')!;
  assert.equal(f.rowCount, 4);
  assert.equal(f.str(3), 'loops_x');
});

test('save frames are skipped', () => {
  const doc = parseCif('data_d\nsave_frame\n_x.y 1\nloop_\n_z.w\n1 2\nsave_\n_a.b c\n');
  const b = doc.blocks[0];
  assert.equal(b.category('_x'), undefined);
  assert.equal(b.category('_z'), undefined);
  assert.equal(b.category('_a')?.field('b')?.str(0), 'c');
});

function syntaxError(text: string): CifSyntaxError {
  try {
    parseCif(text);
  } catch (e: unknown) {
    if (e instanceof CifSyntaxError) return e;
    throw e;
  }
  assert.fail('no error');
}

test('syntax errors carry the line where they happen', () => {
  let e = syntaxError("data_e\n_a.b 'unterminated\n_a.c 1\n");
  assert.equal(e.line, 2);
  assert.match(e.message, /^line 2: unterminated quoted string/);
  e = syntaxError('data_e\n_a.b\n;\nno end\n');
  assert.equal(e.line, 3);
  assert.match(e.problem, /unterminated text field/);
  e = syntaxError('data_e\nloop_\n_a.x\n_a.y\n1 2 3\n');
  assert.equal(e.line, 2);
  assert.match(e.problem, /has 2 tags but 3 values, not a multiple of 2/);
  e = syntaxError('_a.b 1\n');
  assert.match(e.problem, /before the first 'data_' block/);
  e = syntaxError('data_e\n_a.b\n_a.c 1\n');
  assert.match(e.problem, /tag _a.b has no value/);
  e = syntaxError('data_e\n_a.b 1\n_a.b 2\n');
  assert.equal(e.line, 3);
  assert.match(e.problem, /appears twice/);
  e = syntaxError('data_e\n_a.b 1 2\n');
  assert.match(e.problem, /value '2' without a tag/);
  e = syntaxError('data_e\nloop_\n_a.x\n1\nloop_\n_a.y\n2\n');
  assert.match(e.problem, /category _a appears in two loops/);
  e = syntaxError('data_e\nloop_\n1\n');
  assert.match(e.problem, /loop_ without tags/);
  e = syntaxError('data_e\nglobal_\n');
  assert.match(e.problem, /global_/);
});

test('lineAt counts line breaks', () => {
  assert.equal(lineAt('a\nb\nc', 0), 1);
  assert.equal(lineAt('a\nb\nc', 2), 2);
  assert.equal(lineAt('a\nb\nc', 4), 3);
});

test('a loop of many rows keeps every value', () => {
  const rows = 20000;
  const body = Array.from({ length: rows }, (_, i) => `${i} ${i * 0.5} 'q ${i}'`).join('\n');
  const doc = parseCif(`data_big\nloop_\n_a.i\n_a.h\n_a.q\n${body}\n`);
  const cat = doc.blocks[0].category('_a')!;
  assert.equal(cat.rowCount, rows);
  assert.equal(cat.field('h')!.float(rows - 1), (rows - 1) * 0.5);
  assert.equal(cat.field('q')!.str(12345), 'q 12345');
});
