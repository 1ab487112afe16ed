/**
 * Which LocScale mode the inputs select (spec §1.3), and the checks LocScale 2.0 makes on the combination.
 */
import { UserError } from '../core/errors.js';
import type { LocscaleOptions } from './options.js';

export type Modality =
  /** -mm: the given map is the reference (plain scaling). */
  | 'map-given'
  /** -mc: model with refined B-factors (plain scaling). */
  | 'model-refine'
  /** -mc --skip_refine: the model's own B-factors. */
  | 'model-no-refine'
  /** -mc --activate_pseudomodel: the model refined like a pseudo-atomic model. */
  | 'model-as-pseudo'
  /** -mc --complete_model: hybrid (partial model + pseudo-atoms; theoretical profile in unmodelled density). */
  | 'hybrid'
  /** --no_reference: every window scaled to a constant local B. */
  | 'no-reference'
  /** model-free: a pseudo-atomic model and theoretical profiles. */
  | 'pseudo-model';

export function selectModality(o: LocscaleOptions): Modality {
  if (o.emmapPath === undefined && o.halfmapPaths === undefined) {
    throw new UserError(
      'no input map: give an unsharpened map with -em MAP or two half maps with -hm HALF1 HALF2',
    );
  }
  if (o.emmapPath !== undefined && o.halfmapPaths !== undefined) {
    throw new UserError('give either -em (one full map) or -hm (two half maps), not both');
  }
  if (o.modelMap !== undefined && o.modelCoordinates !== undefined) {
    throw new UserError('give either -mm (a reference map) or -mc (an atomic model), not both');
  }
  if (o.skipRefine && o.modelCoordinates === undefined) {
    throw new UserError('--skip_refine needs an atomic model (-mc MODEL)');
  }
  if (o.completeModel && o.modelCoordinates === undefined) {
    throw new UserError('--complete_model (hybrid LocScale) needs a partial atomic model (-mc MODEL)');
  }
  if (o.completeModel && o.skipRefine) {
    throw new UserError(
      '--complete_model refines the completed model; it cannot be combined with --skip_refine',
    );
  }
  if (o.noReference && (o.modelMap !== undefined || o.modelCoordinates !== undefined)) {
    throw new UserError('--no_reference scales without a reference; do not also give -mm or -mc');
  }
  if (o.modelMap !== undefined) return 'map-given';
  if (o.modelCoordinates !== undefined) {
    if (o.completeModel) return 'hybrid';
    if (o.skipRefine) return 'model-no-refine';
    if (o.activatePseudomodel) return 'model-as-pseudo';
    return 'model-refine';
  }
  if (o.noReference) return 'no-reference';
  return 'pseudo-model';
}
