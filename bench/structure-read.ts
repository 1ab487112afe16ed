// Speed of the PDB and mmCIF readers and writers on a 100 000-atom model (5fn5_box_model.pdb tiled), against
// naive baselines measured in the same run: for PDB, split into lines and Number() the three coordinate fields
// of ATOM/HETATM lines; for mmCIF, split the whole text on blanks.
// Run: node --import tsx bench/structure-read.ts
import { readFileSync } from 'node:fs';
import { parseStructure } from '../src/io/structure-read.js';
import { selectAtoms } from '../src/io/structure-select.js';
import { formatMmcif } from '../src/io/mmcif-write.js';
import { formatPdb } from '../src/io/pdb-write.js';
import { parseMmcif } from '../src/io/mmcif-read.js';
import { parsePdb } from '../src/io/pdb-read.js';

const ATOMS = 100_000;
const REPEATS = 7;

const source = parseStructure(readFileSync('test/fixtures/real/5fn5_box_model.pdb'), '5fn5_box_model.pdb');
const big = selectAtoms(
  source,
  Array.from({ length: ATOMS }, (_, i) => i % source.atoms.count),
);
for (let i = 0; i < ATOMS; i++) big.atoms.serial[i] = i + 1;
const pdbText = formatPdb(big);
const cifText = formatMmcif(big);

function naivePdb(text: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('ATOM') || line.startsWith('HETATM')) {
      sum += Number(line.substring(30, 38)) + Number(line.substring(38, 46)) + Number(line.substring(46, 54));
    }
  }
  return sum;
}

function naiveCif(text: string): number {
  return text.split(/\s+/).length;
}

interface Timing {
  first: number;
  wall: number;
  cpu: number;
}

/** Wall and CPU (user + system) milliseconds: the first run, and medians over REPEATS runs. */
function time(fn: () => unknown): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[REPEATS >> 1];
  return { first: wall[0], wall: median(wall), cpu: median(cpu) };
}

const rows: [string, Timing][] = [
  ['baseline: PDB lines + Number(x, y, z)', time(() => naivePdb(pdbText))],
  ['parsePdb', time(() => parsePdb(pdbText, 'big.pdb', { altLocs: 'all' }))],
  ['baseline: mmCIF split on blanks', time(() => naiveCif(cifText))],
  ['parseMmcif', time(() => parseMmcif(cifText, 'big.cif', { altLocs: 'all' }))],
  ['formatPdb', time(() => formatPdb(big))],
  ['formatMmcif', time(() => formatMmcif(big))],
];
console.log(
  `${ATOMS} atoms; PDB ${(pdbText.length / 1e6).toFixed(1)} MB, mmCIF ${(cifText.length / 1e6).toFixed(1)} MB; ` +
    `ms; medians of ${REPEATS} runs; cpu = user + system (includes GC threads)`,
);
for (const [name, t] of rows) {
  const f = (v: number) => v.toFixed(0).padStart(5);
  console.log(`${name.padEnd(40)} first ${f(t.first)}  wall ${f(t.wall)}  cpu ${f(t.cpu)}`);
}
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(`parsePdb / PDB baseline (cpu): ${ratio(rows[1][1].cpu, rows[0][1].cpu)}`);
console.log(`parseMmcif / mmCIF baseline (cpu): ${ratio(rows[3][1].cpu, rows[2][1].cpu)}`);
