import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../src/index.js';

test('the structure API is exported from the package root', () => {
  for (const name of [
    'readStructure',
    'parseStructure',
    'writeStructure',
    'formatStructure',
    'parsePdb',
    'formatPdb',
    'parseMmcif',
    'formatMmcif',
    'selectAtoms',
    'selectAtomRows',
    'withoutHydrogens',
    'keepBestAltLocs',
    'isHydrogenElement',
    'inferElementFromPdbName',
    'writeFileAtomic',
    'writeFileAtomicSync',
    'IssueList',
  ]) {
    assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(api.UNKNOWN_ELEMENT, 'X');
});
