#!/usr/bin/python3
"""Summaries of the structure fixtures as gemmi reads them: the oracle for test/io/structure-fixtures.test.ts.

Run once from the repository root with Debian's Python (it has gemmi 0.5.7; the pyenv python3 does not):

    /usr/bin/python3 tools/dump-structures-with-gemmi.py

For each fixture it writes `<fixture>.gemmi.json` beside it. gemmi reads the file (gzip included); we take the
first model and apply LocScale-TS's altloc rule ourselves (src/io/altlocs.ts), since gemmi's
remove_alternative_conformations() keeps the first altloc rather than the most occupied one:
  * atoms without an altloc are kept;
  * residues (chain, number, insertion code) whose altloc atoms have more than one residue name
    (microheterogeneity) keep the altloc letter with the highest occupancy (ties: first met), whole;
  * otherwise, per (chain, number, insertion code, atom name), the atom with the highest occupancy is kept
    (ties: first in file order).
The JSON holds order-independent aggregates (counts, per-element counts, sums of x, y, z, B, occupancy, U,
charges) and a sample of atoms with every field, taken at evenly spaced positions after sorting the atoms by
(serial, chain, residue number, insertion code, atom name, altloc), so the test does not depend on the order in
which gemmi walks chains and residues. gemmi keeps occupancy, B and U in single precision: the test compares
them with a tolerance.
"""
import json
import os
import sys

import gemmi

FIXTURES = [
    'structures/mustang_1zaa1.pdb',
    'structures/qrefine_5h64_first400.pdb',
    'structures/biopython_1A8O.pdb.gz',
    'structures/biopython_3JQH.cif.gz',
    'structures/biopython_4CUP.cif.gz',
    'structures/biopython_1LCD.pdb.gz',
    'structures/biopython_2OFG.cif.gz',
    'structures/pymol_3al1.pdb',
    'structures/gemmi_5i55.cif',
    'structures/gemmi_1orc.pdb',
    'structures/locscale_pdb3j5p_refined_chainA.pdb',
    'structures/biotite_4p5j.cif',
    'structures/daq_3J6B_9.pdb',
    'real/6i5a_box_model.pdb',
    'real/5fn5_box_model.pdb',
]
SAMPLE_SIZE = 25


def atoms_of_first_model(st):
    out = []
    for chain in st[0]:
        for res in chain:
            for at in res:
                an = at.aniso
                out.append({
                    'serial': at.serial,
                    'name': at.name,
                    'altLoc': '' if at.altloc == '\0' else at.altloc,
                    'resName': res.name,
                    'chainId': chain.name,
                    'resSeq': res.seqid.num,
                    'insCode': res.seqid.icode.strip(),
                    'x': at.pos.x,
                    'y': at.pos.y,
                    'z': at.pos.z,
                    'occupancy': at.occ,
                    'bIsoA2': at.b_iso,
                    'element': at.element.name.upper(),
                    'charge': at.charge,
                    'isHetatm': res.het_flag == 'H',
                    'anisoUA2': [an.u11, an.u22, an.u33, an.u12, an.u13, an.u23] if an.nonzero() else None,
                })
    return out


def keep_best_altlocs(atoms):
    """The rule of src/io/altlocs.ts, written independently."""
    def residue_key(a):
        return (a['chainId'], a['resSeq'], a['insCode'])

    names = {}
    for a in atoms:
        if a['altLoc']:
            names.setdefault(residue_key(a), set()).add(a['resName'])
    winner = {}
    best_occ = {}
    for a in atoms:
        k = residue_key(a)
        if a['altLoc'] and len(names[k]) > 1:
            if k not in winner or a['occupancy'] > best_occ[k]:
                winner[k] = a['altLoc']
                best_occ[k] = a['occupancy']
    best_of_group = {}
    for i, a in enumerate(atoms):
        if not a['altLoc'] or residue_key(a) in winner:
            continue
        g = residue_key(a) + (a['name'],)
        if g not in best_of_group or a['occupancy'] > atoms[best_of_group[g]]['occupancy']:
            best_of_group[g] = i
    kept = []
    for i, a in enumerate(atoms):
        k = residue_key(a)
        if not a['altLoc']:
            kept.append(a)
        elif k in winner:
            if a['altLoc'] == winner[k]:
                kept.append(a)
        elif best_of_group[k + (a['name'],)] == i:
            kept.append(a)
    return kept


def summary(path):
    st = gemmi.read_structure(path)
    all_atoms = atoms_of_first_model(st)
    atoms = keep_best_altlocs(all_atoms)
    elements = {}
    for a in atoms:
        elements[a['element']] = elements.get(a['element'], 0) + 1
    aniso = [a['anisoUA2'] for a in atoms if a['anisoUA2'] is not None]
    residues = {(a['chainId'], a['resSeq'], a['insCode'], a['resName']) for a in atoms}
    ordered = sorted(atoms, key=lambda a: (a['serial'], a['chainId'], a['resSeq'], a['insCode'], a['name'],
                                           a['altLoc']))
    n = len(ordered)
    picks = sorted({k * (n - 1) // (SAMPLE_SIZE - 1) for k in range(SAMPLE_SIZE)}) if n > 1 else [0]
    has_cell = st.cell.a != 1 or st.cell.b != 1 or st.cell.c != 1 or st.spacegroup_hm != ''
    return {
        'source': 'gemmi %s, first model, altlocs by LocScale-TS rule' % gemmi.__version__,
        'models': len(st),
        'entryId': st.info['_entry.id'] if '_entry.id' in st.info else '',
        'cell': [st.cell.a, st.cell.b, st.cell.c, st.cell.alpha, st.cell.beta, st.cell.gamma] if has_cell else None,
        'spaceGroup': st.spacegroup_hm,
        'atomCountAllAltLocs': len(all_atoms),
        'atomCount': n,
        'elementCounts': dict(sorted(elements.items())),
        'hetatmCount': sum(1 for a in atoms if a['isHetatm']),
        'withAltLoc': sum(1 for a in atoms if a['altLoc']),
        'chains': sorted({a['chainId'] for a in atoms}),
        'residueCount': len(residues),
        'sum': {
            'x': sum(a['x'] for a in atoms),
            'y': sum(a['y'] for a in atoms),
            'z': sum(a['z'] for a in atoms),
            'occupancy': sum(a['occupancy'] for a in atoms),
            'bIsoA2': sum(a['bIsoA2'] for a in atoms),
            'charge': sum(a['charge'] for a in atoms),
        },
        'anisoCount': len(aniso),
        'anisoSum': [sum(u[k] for u in aniso) for k in range(6)],
        'sample': [ordered[k] for k in picks],
    }


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures')
    for rel in FIXTURES:
        path = os.path.join(root, rel)
        data = summary(path)
        with open(path + '.gemmi.json', 'w') as f:
            json.dump(data, f, indent=1, sort_keys=False)
            f.write('\n')
        print('%-48s %6d atoms, %d models' % (rel, data['atomCount'], data['models']), file=sys.stderr)


if __name__ == '__main__':
    main()
