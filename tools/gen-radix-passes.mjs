// Writes src/fft/radix-passes-generated.ts: unrolled Stockham passes for the odd prime radices 7, 11 and 13,
// and the composite radices 6 = 2·3, 8 = 2·4, 22 = 2·11 and 26 = 2·13 (22 and 26 are window edges of the
// local-scaling engine). Run from the repository root, then format:
//
//     node tools/gen-radix-passes.mjs && npx prettier --write src/fft/radix-passes-generated.ts
//
// (`--stdout` prints the unformatted source instead; a test checks the committed file is up to date.)
//
// An odd-prime pass is the generic odd-radix butterfly of radix-passes.ts (`passGeneric`) written out in
// full, so every intermediate is a local variable instead of a scratch-array run:
//   T_j = a_j + a_{P−j}, D_j = a_j − a_{P−j} (j = 1..h, h = (P−1)/2)
//   A_k = a0 + Σ_j cos(2π·jk/P)·T_j,  U_k = dir·Σ_j sin(2π·jk/P)·D_j
//   y_k = A_k − i·U_k,  y_{P−k} = A_k + i·U_k        (k = 1..h), y_0 = a0 + Σ_j T_j
// cos(2π·jk/P) = cos(2π·t/P) with t = jk mod P folded to 1..h, and sin likewise with a sign, so only h
// cosines and h sines appear, as literals (the nearest doubles Math.cos/Math.sin give).
//
// A composite pass of radix 2P does a radix-2 step and two P-point butterflies (the odd one above, or for
// P = 4: t0 = v0 + v2, t1 = v0 − v2, t2 = v1 + v3, t3 = −i·dir·(v1 − v3); outputs t0 + t2, t1 + t3, t0 − t2,
// t1 − t3) without going through memory in between (one pass instead of two; a radix-2 pass alone is
// mostly loads and stores):
//   b_k = a_k + a_{k+P},  c_k = (a_k − a_{k+P})·g^k  (k < P, g = exp(−πi·dir/P)),
//   y_{2l} = DFT_P(b)_l,  y_{2l+1} = DFT_P(c)_l,
// because exp(−2πi·dir·(k + P)(2l + m)/(2P)) = exp(−2πi·dir·k·l/P)·g^{k·m}·(−1)^m for m ∈ {0, 1}.
// All inputs are loaded before the first store: a single pass may run in place.
import { writeFileSync } from 'node:fs';

const PRIMES = [7, 11, 13];
const COMPOSITES = [3, 4, 11, 13]; // radix 2·P

function fold(t, r) {
  // returns [index 1..h, sign of sin]
  return t <= (r - 1) / 2 ? [t, 1] : [r - t, -1];
}

/**
 * Lines computing DFT_P of inputs named by `inp(j)` = [re, im] (j < P), with temporaries prefixed `pre`,
 * cosines `${cs}t` and sines `${cs}st`; output k goes through `out(k, reExpr, imExpr)` (returns lines).
 */
function oddDft(P, inp, pre, cs, out) {
  const h = (P - 1) / 2;
  const L = [];
  for (let j = 1; j <= h; j++) {
    const [ur, ui] = inp(j);
    const [vr, vi] = inp(P - j);
    L.push(
      `const ${pre}t${j}r = ${ur} + ${vr}, ${pre}t${j}i = ${ui} + ${vi}, ${pre}d${j}r = ${ur} - ${vr}, ${pre}d${j}i = ${ui} - ${vi};`,
    );
  }
  const [a0r, a0i] = inp(0);
  const tsum = (c) => Array.from({ length: h }, (_, j) => `${pre}t${j + 1}${c}`).join(' + ');
  L.push(...out(0, `${a0r} + ${tsum('r')}`, `${a0i} + ${tsum('i')}`));
  for (let k = 1; k <= h; k++) {
    const aTerms = (c) =>
      Array.from({ length: h }, (_, j0) => {
        const j = j0 + 1;
        const [f] = fold((j * k) % P, P);
        return `${cs}c${f} * ${pre}t${j}${c}`;
      }).join(' + ');
    const uTerms = (c) =>
      Array.from({ length: h }, (_, j0) => {
        const j = j0 + 1;
        const [f, sign] = fold((j * k) % P, P);
        return `${sign < 0 ? '-' : '+'} ${cs}s${f} * ${pre}d${j}${c}`;
      })
        .join(' ')
        .replace(/^\+ /, '');
    L.push(`const ${pre}A${k}r = ${a0r} + ${aTerms('r')}, ${pre}A${k}i = ${a0i} + ${aTerms('i')};`);
    L.push(`const ${pre}U${k}r = ${uTerms('r')}, ${pre}U${k}i = ${uTerms('i')};`);
    L.push(...out(k, `${pre}A${k}r + ${pre}U${k}i`, `${pre}A${k}i - ${pre}U${k}r`));
    L.push(...out(P - k, `${pre}A${k}r - ${pre}U${k}i`, `${pre}A${k}i + ${pre}U${k}r`));
  }
  return L;
}

/** Lines computing DFT_4 of inputs `inp(j)`: t3 = (v1 − v3)·(−i·dir). */
function dft4(inp, pre, out) {
  const [v0r, v0i] = inp(0),
    [v1r, v1i] = inp(1),
    [v2r, v2i] = inp(2),
    [v3r, v3i] = inp(3);
  return [
    `const ${pre}t0r = ${v0r} + ${v2r}, ${pre}t0i = ${v0i} + ${v2i}, ${pre}t1r = ${v0r} - ${v2r}, ${pre}t1i = ${v0i} - ${v2i};`,
    `const ${pre}t2r = ${v1r} + ${v3r}, ${pre}t2i = ${v1i} + ${v3i};`,
    `const ${pre}t3r = dir * (${v1i} - ${v3i}), ${pre}t3i = dir * (${v3r} - ${v1r});`,
    ...out(0, `${pre}t0r + ${pre}t2r`, `${pre}t0i + ${pre}t2i`),
    ...out(1, `${pre}t1r + ${pre}t3r`, `${pre}t1i + ${pre}t3i`),
    ...out(2, `${pre}t0r - ${pre}t2r`, `${pre}t0i - ${pre}t2i`),
    ...out(3, `${pre}t1r - ${pre}t3r`, `${pre}t1i - ${pre}t3i`),
  ];
}

/** Lines storing output `k` (index variable o{k}), through twiddle w{k} when `twiddled`. */
function store(k, re, im, twiddled) {
  if (!twiddled || k === 0) return [`y[o${k}] = ${re};`, `y[o${k} + 1] = ${im};`];
  return [
    `const z${k}r = ${re}, z${k}i = ${im};`,
    `y[o${k}] = z${k}r * w${k}r - z${k}i * w${k}i;`,
    `y[o${k} + 1] = z${k}r * w${k}i + z${k}i * w${k}r;`,
  ];
}

function addressing(r) {
  const L = [`const i0 = ix;`];
  for (let j = 1; j < r; j++) L.push(`const i${j} = i${j - 1} + xk2;`);
  for (let j = 0; j < r; j++) L.push(`const a${j}r = x[i${j}], a${j}i = x[i${j} + 1];`);
  L.push(`const o0 = iy;`);
  for (let k = 1; k < r; k++) L.push(`const o${k} = o${k - 1} + yk2;`);
  return L;
}

function primeBody(P, twiddled) {
  const L = addressing(P);
  L.push(
    ...oddDft(
      P,
      (j) => [`a${j}r`, `a${j}i`],
      '',
      '',
      (k, re, im) => store(k, re, im, twiddled),
    ),
  );
  return L.map((l) => '        ' + l).join('\n');
}

function compositeBody(P, twiddled) {
  const L = addressing(2 * P);
  for (let k = 0; k < P; k++) {
    L.push(`const b${k}r = a${k}r + a${k + P}r, b${k}i = a${k}i + a${k + P}i;`);
    if (k === 0) L.push(`const c0r = a0r - a${P}r, c0i = a0i - a${P}i;`);
    else {
      L.push(`const e${k}r = a${k}r - a${k + P}r, e${k}i = a${k}i - a${k + P}i;`);
      L.push(`const c${k}r = e${k}r * g${k}r - e${k}i * g${k}i, c${k}i = e${k}r * g${k}i + e${k}i * g${k}r;`);
    }
  }
  const dft = (inp, pre, out) => (P === 4 ? dft4(inp, pre, out) : oddDft(P, inp, pre, '', out));
  L.push(
    ...dft(
      (j) => [`b${j}r`, `b${j}i`],
      'E',
      (l, re, im) => store(2 * l, re, im, twiddled),
    ),
  );
  L.push(
    ...dft(
      (j) => [`c${j}r`, `c${j}i`],
      'O',
      (l, re, im) => store(2 * l + 1, re, im, twiddled),
    ),
  );
  return L.map((l) => '        ' + l).join('\n');
}

function oddConstants(P) {
  const h = (P - 1) / 2;
  const out = [];
  for (let t = 1; t <= h; t++) {
    out.push(`  const c${t} = ${Math.cos((2 * Math.PI * t) / P)}; // cos(2π·${t}/${P})`);
    out.push(`  const s${t} = dir * ${Math.sin((2 * Math.PI * t) / P)}; // dir·sin(2π·${t}/${P})`);
  }
  return out;
}

function pass(r, doc, constants, body) {
  const tws = [];
  for (let k = 1; k < r; k++) {
    tws.push(`      const w${k}r = tw[t + ${2 * (k - 1)}], w${k}i = dir * tw[t + ${2 * (k - 1) + 1}];`);
  }
  return `
/** ${doc} */
export function pass${r}(
  x: Float64Array,
  xOff: number,
  xq: number,
  xs: number,
  xk: number,
  y: Float64Array,
  yOff: number,
  yq: number,
  ys: number,
  yk: number,
  qn: number,
  pn: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
${constants.join('\n')}
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  for (let p = 0; p < pn; p++) {
    const xb = 2 * (xOff + p * xs),
      yb = 2 * (yOff + p * ys);
    if (p === 0 || twOff < 0) {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
${body(false)}
      }
    } else {
      const t = twOff + ${2 * (r - 1)} * p;
${tws.join('\n')}
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
${body(true)}
      }
    }
  }
}
`;
}

function primePass(P) {
  return pass(
    P,
    `Radix-${P} pass, unrolled (generated; the butterfly of \`passGeneric\` with h = ${(P - 1) / 2}).`,
    oddConstants(P),
    (tw) => primeBody(P, tw),
  );
}

function compositePass(P) {
  const consts = P === 4 ? [] : oddConstants(P);
  for (let k = 1; k < P; k++) {
    consts.push(`  const g${k}r = ${Math.cos((Math.PI * k) / P)}; // cos(π·${k}/${P})`);
    consts.push(`  const g${k}i = -dir * ${Math.sin((Math.PI * k) / P)}; // −dir·sin(π·${k}/${P})`);
  }
  return pass(
    2 * P,
    `Radix-${2 * P} pass (2·${P}), unrolled (generated): a radix-2 step, then two ${P}-point butterflies.`,
    consts,
    (tw) => compositeBody(P, tw),
  );
}

const header = `/**
 * Unrolled Stockham passes for the odd prime radices ${PRIMES.join(', ')} and the composite radices
 * ${COMPOSITES.map((p) => `${2 * p} = 2·${p}`).join(', ')}.
 *
 * GENERATED by tools/gen-radix-passes.mjs — do not edit by hand; change the generator and re-run it.
 * Same parameters and conventions as the passes in radix-passes.ts (see its module comment); the odd
 * butterfly is the one documented on \`passGeneric\` there, with every term written out, and the composite
 * passes are derived in the generator's header.
 */
`;

const source = header + PRIMES.map(primePass).join('') + COMPOSITES.map(compositePass).join('');
if (process.argv.includes('--stdout')) {
  process.stdout.write(source); // unformatted; test/fft/radix-passes-generated.test.ts formats and compares
} else {
  writeFileSync('src/fft/radix-passes-generated.ts', source);
  console.log('wrote src/fft/radix-passes-generated.ts');
}
