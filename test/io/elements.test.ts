import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  UNKNOWN_ELEMENT,
  inferElementFromAtomName,
  inferElementFromPdbName,
  isKnownElement,
  normalizeElementSymbol,
} from '../../src/io/elements.js';

test('known elements are upper case symbols of the periodic table plus D; X is not known', () => {
  for (const e of ['H', 'D', 'C', 'N', 'O', 'S', 'P', 'SE', 'FE', 'ZN', 'MG', 'CL', 'BR', 'OG', 'TS']) {
    assert.ok(isKnownElement(e), e);
  }
  for (const e of ['X', 'Fe', 'fe', '', 'Q', 'CB', 'C1']) assert.ok(!isKnownElement(e), e);
  assert.equal(UNKNOWN_ELEMENT, 'X');
});

test('element fields are trimmed and upper-cased', () => {
  assert.equal(normalizeElementSymbol(' C'), 'C');
  assert.equal(normalizeElementSymbol('Fe'), 'FE');
  assert.equal(normalizeElementSymbol('se '), 'SE');
  assert.equal(normalizeElementSymbol('  '), '');
});

test('PDB names: columns 13–14 hold the element right-justified', () => {
  // carbon alpha vs calcium, in a residue that is not a standard one
  assert.equal(inferElementFromPdbName(' CA ', 'LIG'), 'C');
  assert.equal(inferElementFromPdbName('CA  ', 'CA'), 'CA');
  assert.equal(inferElementFromPdbName('CA  ', 'LIG'), 'CA');
  assert.equal(inferElementFromPdbName('FE  ', 'HEM'), 'FE');
  assert.equal(inferElementFromPdbName(' NA ', 'HEM'), 'N');
  assert.equal(inferElementFromPdbName('NA  ', 'NA'), 'NA');
  assert.equal(inferElementFromPdbName('CL1 ', 'LIG'), 'CL');
  assert.equal(inferElementFromPdbName('SE  ', 'MSE'), 'SE');
  assert.equal(inferElementFromPdbName(' C1A', 'LIG'), 'C');
  assert.equal(inferElementFromPdbName('C1A ', 'LIG'), 'C'); // 'C1' is no element: the first letter
});

test('PDB names: hydrogens in their usual spellings', () => {
  assert.equal(inferElementFromPdbName('1HB ', 'LIG'), 'H'); // digit in column 13 (PDB v2)
  assert.equal(inferElementFromPdbName('2HG1', 'LIG'), 'H');
  assert.equal(inferElementFromPdbName('HG11', 'LIG'), 'H'); // 4-character name: hydrogen, not mercury
  assert.equal(inferElementFromPdbName('HD21', 'LIG'), 'H');
  assert.equal(inferElementFromPdbName(' H  ', 'LIG'), 'H');
  assert.equal(inferElementFromPdbName('HO1 ', 'NAG'), 'H'); // not holmium
  assert.equal(inferElementFromPdbName('HG  ', 'HG'), 'HG'); // mercury ion
  assert.equal(inferElementFromPdbName('DG21', 'LIG'), 'D');
});

test('PDB names in standard residues: the first letter decides, whatever the alignment', () => {
  assert.equal(inferElementFromPdbName(' CA ', 'ALA'), 'C');
  assert.equal(inferElementFromPdbName('CA  ', 'ALA'), 'C'); // left-justified by a careless writer
  assert.equal(inferElementFromPdbName(' NE ', 'ARG'), 'N');
  assert.equal(inferElementFromPdbName('HE21', 'GLN'), 'H');
  assert.equal(inferElementFromPdbName(' HE1', 'TRP'), 'H');
  assert.equal(inferElementFromPdbName(" O5'", 'DA'), 'O');
  assert.equal(inferElementFromPdbName(' OP1', 'U'), 'O');
  assert.equal(inferElementFromPdbName(' SD ', 'MET'), 'S');
  assert.equal(inferElementFromPdbName(' O  ', 'HOH'), 'O');
  assert.equal(inferElementFromPdbName(' D1 ', 'DOD'), 'D');
});

test('PDB names that fit no rule give an empty result', () => {
  assert.equal(inferElementFromPdbName('    ', 'LIG'), '');
  assert.equal(inferElementFromPdbName(' 1  ', 'LIG'), '');
  assert.equal(inferElementFromPdbName('QQ1 ', 'LIG'), '');
  assert.equal(inferElementFromPdbName(' *  ', 'LIG'), '');
});

test('bare names (mmCIF atom_id without type_symbol)', () => {
  assert.equal(inferElementFromAtomName('CA', 'ALA'), 'C');
  assert.equal(inferElementFromAtomName('CA', 'MSE'), 'C'); // C-alpha of a modified residue
  assert.equal(inferElementFromAtomName('SE', 'MSE'), 'SE');
  assert.equal(inferElementFromAtomName('CA', 'CA'), 'CA'); // single-atom residue named like its atom
  assert.equal(inferElementFromAtomName('ZN', 'ZN'), 'ZN');
  assert.equal(inferElementFromAtomName('FE', 'HEM'), 'FE');
  assert.equal(inferElementFromAtomName('FE1', 'SF4'), 'FE');
  assert.equal(inferElementFromAtomName('NA', 'HEM'), 'N'); // haem nitrogen A, not sodium
  assert.equal(inferElementFromAtomName('BR1', 'LIG'), 'BR');
  assert.equal(inferElementFromAtomName('CL1', 'LIG'), 'C'); // ambiguous without alignment: documented guess
  assert.equal(inferElementFromAtomName('1HB', 'LIG'), 'H');
  assert.equal(inferElementFromAtomName('O', 'HOH'), 'O');
  assert.equal(inferElementFromAtomName('', 'LIG'), '');
  assert.equal(inferElementFromAtomName('123', 'LIG'), '');
});
