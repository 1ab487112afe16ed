/**
 * The one option table: it drives parsing, validation, `--help` and docs/cli.md. Flags and defaults are
 * LocScale 2.0's (spec §1.2), so existing scripts keep working; options that LocScale 2.0 accepts but that
 * have no effect there are accepted here too and reported as ignored.
 */

export type OptionType = 'flag' | 'path' | 'paths2' | 'string' | 'number' | 'int' | 'choice';

export interface OptionSpec {
  /** Key in the parsed options object. */
  readonly key: string;
  /** Flag spellings, short first: ['-em', '--emmap_path']. */
  readonly flags: readonly string[];
  readonly type: OptionType;
  readonly choices?: readonly string[];
  readonly default?: string | number | boolean;
  /** Placeholder in help, e.g. 'MAP'. */
  readonly metavar?: string;
  readonly help: string;
  readonly group: OptionGroup;
  /**
   * 'ignored': LocScale 2.0 accepts it but it changes nothing there either (spec §1.2), or it concerns a tool we
   * do not need (REFMAC, MPI); 'unavailable': a feature not yet built here.
   */
  readonly status?: 'ignored' | 'unavailable';
  /** Why, shown when the option is used. */
  readonly note?: string;
}

export type OptionGroup = 'input' | 'output' | 'mask' | 'scaling' | 'model' | 'pseudo' | 'network' | 'run';

export const OPTION_GROUPS: Readonly<Record<OptionGroup, string>> = {
  input: 'Input maps and models',
  output: 'Output',
  mask: 'Mask (FDR confidence map)',
  scaling: 'Local scaling',
  model: 'Model map and B-factor refinement',
  pseudo: 'Pseudo-atomic and hybrid models',
  network: 'Feature enhancement network (EMmerNet)',
  run: 'Running',
};

export const OPTIONS = [
  // input
  {
    key: 'emmapPath',
    flags: ['-em', '--emmap_path'],
    type: 'path',
    metavar: 'MAP',
    group: 'input',
    help: 'unsharpened full map (MRC/CCP4); or give two half maps with -hm',
  },
  {
    key: 'halfmapPaths',
    flags: ['-hm', '--halfmap_paths'],
    type: 'paths2',
    metavar: 'HALF1 HALF2',
    group: 'input',
    help: 'two unfiltered half maps: averaged into the full map and used for the FSC resolution',
  },
  {
    key: 'modelCoordinates',
    flags: ['-mc', '--model_coordinates'],
    type: 'path',
    metavar: 'MODEL',
    group: 'input',
    help: 'atomic model (PDB or mmCIF) fitted in the map: model-based LocScale',
  },
  {
    key: 'modelMap',
    flags: ['-mm', '--model_map'],
    type: 'path',
    metavar: 'MAP',
    group: 'input',
    help: 'a ready-made reference map on the same grid (instead of -mc)',
  },
  {
    key: 'apix',
    flags: ['-p', '--apix'],
    type: 'number',
    metavar: 'Å',
    group: 'input',
    help: 'voxel size override (Å) for the window size, frequencies and the output header (default: from the map header)',
  },
  {
    key: 'filterInput',
    flags: ['-filter_input', '--filter_input'],
    type: 'flag',
    group: 'input',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'LocScale 2.0 never reads it',
  },
  // output
  {
    key: 'outfile',
    flags: ['-o', '--outfile'],
    type: 'path',
    default: 'locscale_output.mrc',
    metavar: 'MAP',
    group: 'output',
    help: "output map; a relative name goes into the input map's folder, as in LocScale 2.0",
  },
  {
    key: 'processingFolder',
    flags: ['-op', '--output_processing_files'],
    type: 'path',
    metavar: 'DIR',
    group: 'output',
    help: 'folder for the log, the run record and all intermediate files (default: <input folder>/processing_files)',
  },
  {
    key: 'verbose',
    flags: ['-v', '--verbose'],
    type: 'flag',
    group: 'output',
    help: 'more detail on the console',
  },
  {
    key: 'printReport',
    flags: ['--print_report'],
    type: 'flag',
    group: 'output',
    help: 'write a PDF report',
    status: 'unavailable',
    note: 'reports are not built yet; the log and run.json hold the numbers',
  },
  {
    key: 'reportFilename',
    flags: ['--report_filename'],
    type: 'string',
    default: 'locscale_report',
    group: 'output',
    help: 'base name of the report',
    status: 'unavailable',
    note: 'reports are not built yet',
  },
  // mask
  {
    key: 'mask',
    flags: ['-ma', '--mask'],
    type: 'path',
    metavar: 'MASK',
    group: 'mask',
    help: "mask on the map's grid (binarised at 0.5); without it an FDR confidence mask is computed",
  },
  {
    key: 'fdrThreshold',
    flags: ['-fdr', '--fdr_threshold'],
    type: 'number',
    default: 0.01,
    group: 'mask',
    help: 'FDR level; as in LocScale 2.0 the mask is always cut at confidence ≥ 0.99',
    status: 'ignored',
    note: 'LocScale 2.0 always binarises the confidence map at 0.99',
  },
  {
    key: 'fdrWindowSize',
    flags: ['-fdr_w', '--fdr_window_size'],
    type: 'int',
    metavar: 'VOXELS',
    group: 'mask',
    help: 'edge of the four noise boxes (default: 10 % of the box, rounded up to even)',
  },
  {
    key: 'fdrFilter',
    flags: ['-fdr_f', '--fdr_filter'],
    type: 'number',
    metavar: 'Å',
    group: 'mask',
    help: 'low-pass the map at this resolution before the noise estimate',
  },
  {
    key: 'noiseBox',
    flags: ['--noise_box'],
    type: 'string',
    metavar: 'Z,Y,X[;Z,Y,X…]',
    group: 'mask',
    help: 'centres (voxel indices) of your own noise boxes, for maps whose edges hold density (helical, filled boxes)',
  },
  {
    key: 'fdrMethod',
    flags: ['--fdr_method'],
    type: 'choice',
    choices: ['BY', 'BH'],
    default: 'BY',
    group: 'mask',
    help: 'multiple-testing correction: Benjamini–Yekutieli (LocScale 2.0) or Benjamini–Hochberg',
  },
  {
    key: 'maskThreshold',
    flags: ['-th', '--mask_threshold'],
    type: 'number',
    default: 0.99,
    group: 'mask',
    help: 'threshold on the raw confidence map (or your mask) for pseudo-atom counts and the hybrid difference mask',
  },
  {
    key: 'averagingFilterSize',
    flags: ['-avg_filter', '--averaging_filter_size'],
    type: 'int',
    default: 3,
    group: 'mask',
    help: 'as in LocScale 2.0: > 1 saves the binarised FDR mask, ≤ 1 the raw confidence map',
  },
  // scaling
  {
    key: 'windowSize',
    flags: ['-wn', '--window_size'],
    type: 'int',
    metavar: 'VOXELS',
    group: 'scaling',
    help: 'window edge in voxels, rounded up to even (default: 25 Å / voxel size)',
  },
  {
    key: 'refResolution',
    flags: ['-res', '--ref_resolution'],
    type: 'number',
    metavar: 'Å',
    group: 'scaling',
    help: 'resolution (Å) for the scaling FSC cutoff (default: half-map FSC, else Nyquist + 1 Å)',
  },
  {
    key: 'applyFscFilter',
    flags: ['-apply_fsc_filter', '--apply_fsc_filter'],
    type: 'flag',
    group: 'scaling',
    help: 'weight the half-map average by √(2·FSC/(1 + FSC)) per shell',
  },
  {
    key: 'fscMethod',
    flags: ['--fsc_method'],
    type: 'choice',
    choices: ['locscale', 'standard'],
    default: 'locscale',
    group: 'scaling',
    help: 'FSC resolution as LocScale 2.0 computes it, or the standard form',
  },
  {
    key: 'noReference',
    flags: ['--no_reference'],
    type: 'flag',
    group: 'scaling',
    help: 'scale every window to a constant local B-factor, without a reference map',
  },
  {
    key: 'setLocalBfactor',
    flags: ['--set_local_bfactor'],
    type: 'number',
    default: 20,
    metavar: 'Å²',
    group: 'scaling',
    help: 'target local B-factor for --no_reference',
  },
  {
    key: 'measureBfactors',
    flags: ['--measure_bfactors'],
    type: 'flag',
    group: 'scaling',
    help: 'also write per-voxel local B-factor and fit-quality maps to the processing folder',
  },
  {
    key: 'scalingStride',
    flags: ['--scaling_stride'],
    type: 'int',
    default: 2,
    metavar: 'S',
    group: 'scaling',
    help: 'fast engine: scale factors on a grid of every S-th voxel along z, y and x, interpolated in between; 1 reproduces the exact engine',
  },
  {
    key: 'exact',
    flags: ['--exact'],
    type: 'flag',
    group: 'scaling',
    help: "use the exact engine: every voxel gets its own window (LocScale 2.0's procedure, slower)",
  },
  {
    key: 'factorInterpolation',
    flags: ['--factor_interpolation'],
    type: 'choice',
    choices: ['log', 'linear'],
    default: 'log',
    group: 'scaling',
    help: 'fast engine: interpolate the scale factors in log space or linearly',
  },
  {
    key: 'symmetry',
    flags: ['-sym', '--symmetry'],
    type: 'string',
    default: 'C1',
    group: 'scaling',
    help: 'point group imposed on the reference map (Cn, Dn, T, O, I)',
  },
  {
    key: 'smoothFactor',
    flags: ['-smooth', '--smooth_factor'],
    type: 'number',
    default: 0.3,
    group: 'scaling',
    help: 'profile-merge smoothness',
    status: 'ignored',
    note: 'LocScale 2.0 only uses it for a diagnostic profile',
  },
  {
    key: 'boostSecondaryStructure',
    flags: ['--boost_secondary_structure'],
    type: 'number',
    default: 1.5,
    group: 'scaling',
    help: 'magnification of the secondary-structure features added from the theoretical profile',
  },
  // model
  {
    key: 'modelResolution',
    flags: ['-mres', '--model_resolution'],
    type: 'number',
    metavar: 'Å',
    group: 'model',
    help: 'low-pass the reference map at this resolution',
  },
  {
    key: 'skipRefine',
    flags: ['--skip_refine'],
    type: 'flag',
    group: 'model',
    help: "use the model's B-factors as they are (no B-factor refinement)",
  },
  {
    key: 'refmacIterations',
    flags: ['-ref_it', '--refmac_iterations'],
    type: 'int',
    default: 10,
    group: 'model',
    help: 'B-factor refinement cycles',
  },
  {
    key: 'addBlur',
    flags: ['--add_blur'],
    type: 'number',
    default: 20,
    group: 'model',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'LocScale 2.0 never uses it',
  },
  {
    key: 'refmac5Path',
    flags: ['--refmac5_path'],
    type: 'path',
    group: 'model',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'LocScale-TS refines B-factors itself; no REFMAC5 is needed',
  },
  {
    key: 'crefPickle',
    flags: ['--cref_pickle'],
    type: 'path',
    group: 'model',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'LocScale 2.0 never uses it',
  },
  {
    key: 'cifInfo',
    flags: ['-cif_info', '--cif_info'],
    type: 'path',
    group: 'model',
    help: 'ligand restraint dictionary',
    status: 'ignored',
    note: 'B-factor restraints here come from interatomic distances, no dictionary is needed',
  },
  // pseudo
  {
    key: 'completeModel',
    flags: ['--complete_model'],
    type: 'flag',
    group: 'pseudo',
    help: 'hybrid LocScale: complete a partial model with pseudo-atoms in unmodelled density',
  },
  {
    key: 'buildUsingPseudomodel',
    flags: ['--build_using_pseudomodel'],
    type: 'flag',
    group: 'pseudo',
    help: 'model-free LocScale with a pseudo-atomic model and theoretical profiles',
  },
  {
    key: 'activatePseudomodel',
    flags: ['--activate_pseudomodel'],
    type: 'flag',
    group: 'pseudo',
    help: 'refine the given model like a pseudo-atomic model',
  },
  {
    key: 'pseudomodelMethod',
    flags: ['-pm', '--pseudomodel_method'],
    type: 'choice',
    choices: ['gradient', 'random', 'kick', 'random_placement_with_kick'],
    default: 'gradient',
    group: 'pseudo',
    help: 'pseudo-atom solver',
  },
  {
    key: 'totalIterations',
    flags: ['-pm_it', '--total_iterations'],
    type: 'int',
    default: 50,
    group: 'pseudo',
    help: 'pseudo-atom solver iterations',
  },
  {
    key: 'distance',
    flags: ['-dst', '--distance'],
    type: 'number',
    default: 1.2,
    metavar: 'Å',
    group: 'pseudo',
    help: 'pseudo-atom equilibrium distance',
  },
  {
    key: 'molecularWeight',
    flags: ['-mw', '--molecular_weight'],
    type: 'number',
    metavar: 'kDa',
    group: 'pseudo',
    help: 'molecular weight, sets the pseudo-atom count',
  },
  {
    key: 'pseudoMinDistance',
    flags: ['--pseudo_min_distance'],
    type: 'number',
    default: 1.2,
    metavar: 'Å',
    group: 'pseudo',
    help: "after the pseudo-atom solver, push apart atoms closer than this; 0 reproduces LocScale 2.0, whose solver leaves pairs 0.1–0.9 Å apart (the map's quality is unchanged within seed noise: BENCHMARKS.md)",
  },
  {
    key: 'averagingWindow',
    flags: ['-avg_w', '--averaging_window'],
    type: 'int',
    default: 3,
    group: 'pseudo',
    help: 'hybrid: erosion of the difference mask (voxels)',
  },
  // network
  {
    key: 'modelPath',
    flags: ['-model_path', '--model_path'],
    type: 'path',
    group: 'network',
    help: 'custom network weights',
    status: 'unavailable',
    note: 'the EMmerNet network is not built yet',
  },
  {
    key: 'useLowContextModel',
    flags: ['--use_low_context_model'],
    type: 'flag',
    group: 'network',
    help: 'low-context network',
    status: 'unavailable',
    note: 'the EMmerNet network is not built yet',
  },
  {
    key: 'batchSize',
    flags: ['-bs', '--batch_size'],
    type: 'int',
    default: 8,
    group: 'network',
    help: 'network batch size',
    status: 'unavailable',
    note: 'the EMmerNet network is not built yet',
  },
  {
    key: 'gpuIds',
    flags: ['-gpus', '--gpu_ids'],
    type: 'string',
    group: 'network',
    help: 'GPU ids',
    status: 'ignored',
    note: 'LocScale-TS needs no GPU',
  },
  {
    key: 'cubeSize',
    flags: ['-cube_size', '--cube_size'],
    type: 'int',
    default: 32,
    group: 'network',
    help: 'network cube edge',
    status: 'unavailable',
    note: 'the EMmerNet network is not built yet',
  },
  {
    key: 'stride',
    flags: ['-s', '--stride'],
    type: 'int',
    default: 16,
    group: 'network',
    help: 'network cube stride',
    status: 'unavailable',
    note: 'the EMmerNet network is not built yet',
  },
  // run
  {
    key: 'numberProcesses',
    flags: ['-np', '--number_processes'],
    type: 'int',
    metavar: 'N',
    group: 'run',
    help: 'worker threads (default: all cores); the result is identical for any N',
  },
  {
    key: 'seed',
    flags: ['--seed'],
    type: 'int',
    default: 42,
    group: 'run',
    help: 'seed of every random step (pseudo-atom placement and kicks, element assignment): same seed, same map',
  },
  {
    key: 'mpi',
    flags: ['-mpi', '--mpi'],
    type: 'flag',
    group: 'run',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'LocScale-TS runs its own worker threads; use -np',
  },
  {
    key: 'devMode',
    flags: ['--dev_mode'],
    type: 'flag',
    group: 'run',
    help: 'accepted for compatibility',
    status: 'ignored',
    note: 'intermediate files are always kept in the processing folder',
  },
] as const satisfies readonly OptionSpec[];

type ValueOf<T extends OptionType> = T extends 'flag'
  ? boolean
  : T extends 'paths2'
    ? readonly [string, string]
    : T extends 'number' | 'int'
      ? number
      : string;

type Spec = (typeof OPTIONS)[number];

/**
 * The options of a LocScale run, typed from the table: one field per option key; options without a default
 * may be undefined.
 */
export type LocscaleOptions = {
  readonly [O in Spec as O['key']]: O extends { readonly default: unknown } | { readonly type: 'flag' }
    ? ValueOf<O['type']>
    : ValueOf<O['type']> | undefined;
};

/** An option's value before the command line is read: its default, false for flags. */
export function initialValue(o: OptionSpec): string | number | boolean | undefined {
  return o.type === 'flag' ? (o.default ?? false) : o.default;
}

/** Options with every default applied, as a starting point for programmatic use. */
export function defaultOptions(overrides: Partial<LocscaleOptions> = {}): LocscaleOptions {
  const values: Record<string, unknown> = {};
  for (const o of OPTIONS as readonly OptionSpec[]) values[o.key] = initialValue(o);
  return { ...(values as LocscaleOptions), ...overrides };
}

export interface ParsedArgs {
  /** Values by option key (defaults filled in). */
  readonly values: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  /** Keys the user gave explicitly. */
  readonly given: ReadonlySet<string>;
}
