/**
 * Half maps (spec §2.2–2.3): the full map is their average; their FSC gives the resolution that becomes the
 * scaling FSC cutoff when -res is absent (spec §2.9). The curve goes to the processing folder as JSON.
 */
import { writeFileSync } from 'node:fs';
import type { Volume } from '../grid/volume.js';
import {
  fscLocscale,
  fscStandard,
  fscWeight,
  resolutionFromFsc,
  resolutionFromFscLocscale,
} from '../spectra/fsc.js';
import type { FscCurve } from '../spectra/fsc.js';
import { averageHalfMaps } from './inputs.js';
import type { RunContext } from './run-context.js';

export interface HalfMapAnalysis {
  readonly full: Volume;
  /** FSC = 0.143 resolution (Å), or null when the curve never crosses 0.143. */
  readonly resolutionA: number | null;
  readonly curve: FscCurve;
}

export function analyseHalfMaps(
  h1: Volume,
  h2: Volume,
  apixA: number,
  options: { method: 'locscale' | 'standard'; applyFscFilter: boolean },
  ctx: RunContext,
): HalfMapAnalysis {
  let full = averageHalfMaps(h1, h2);
  const curve = options.method === 'locscale' ? fscLocscale(h1, h2, apixA) : fscStandard(h1, h2);
  let resolutionA: number | null;
  if (options.method === 'locscale') {
    resolutionA = resolutionFromFscLocscale(curve);
  } else {
    const r = resolutionFromFsc(curve);
    resolutionA = r.crossed ? r.resolutionA : null;
  }
  if (resolutionA !== null) resolutionA = Math.round(resolutionA * 10) / 10; // the original rounds to 0.1 Å
  if (options.applyFscFilter) {
    // the weighting uses LocScale's shells whatever the resolution method
    full = fscWeight(full, options.method === 'locscale' ? curve.fsc : fscLocscale(h1, h2, apixA).fsc);
    ctx.detail('half-map average weighted by √(2·FSC/(1 + FSC)) per shell (--apply_fsc_filter)');
  }
  const path = ctx.file('fsc_curve.json');
  writeFileSync(
    path,
    `${JSON.stringify(
      {
        method: options.method,
        threshold: 0.143,
        resolution_A: resolutionA,
        frequency_per_A: Array.from(curve.freqPerA),
        fsc: Array.from(curve.fsc),
      },
      null,
      1,
    )}\n`,
  );
  ctx.record.outputs.fscCurve = path;
  return { full, resolutionA, curve };
}
