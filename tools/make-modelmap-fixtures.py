#!/usr/bin/python3
"""Writes test/fixtures/modelmap/: model maps simulated by gemmi's DensityCalculatorE (the oracle for
src/model/simulate-model-map.ts) for two real models on their maps.

Run once, from the repository root, with Debian's python3-gemmi 0.5.7, numpy and mrcfile (the pyenv python3 on
PATH has no gemmi):

    /usr/bin/python3 tools/make-modelmap-fixtures.py

What it does, per set (spec §3.5, LocScale's pdb2map, with the map frame honoured):
* Grid = the map's: spatial sizes (nx, ny, nz) from the header's MAPC/MAPR/MAPS (these boxes are stored in axis
  order 3,2,1), voxel size = cell / sampling, unit cell = the box (P1), origin 0 (both maps have origin 0).
* Model = the PDB as gemmi reads it, every atom (hydrogens kept, as in the original).
* Blur B_x = max(0, 8π²/1.1·apix² − B_min), apix = mean voxel size, B_min = smallest atomic B (isotropic B, or
  8π²·smallest eigenvalue of U; gemmi's search starts at 1000). Set explicitly: Debian's gemmi 0.5.7
  set_refmac_compatible_blur() inverts its anisotropy test and so blurs isotropic models as if B_min were 0.
* dc.add_model_density_to_grid(model): real-space sum, cutoff 1e-5, periodic. The grid is indexed [x][y][z];
  it is transposed to C order [z][y][x], the frame of our MRC reader.
* Un-blur: the spec's sharpen_maps in plain numpy on the [z][y][x] array (N = nz): Fourier shell
  r = floor(sqrt(kz² + ky² + kx²)) with signed integer indices, for r < N/2 multiplied by exp(+B_x/4·f_r²),
  f_r = r·(1/(2·apix))/(N/2 − 1); shells r ≥ N/2 untouched.

Outputs (float32 little-endian, C order [z][y][x], gzip): <name>.blurred.f32.gz (gemmi's grid, before un-blur)
and, where B_x > 0, <name>.unblurred.f32.gz; plus modelmap-fixtures.json with the grid, blur and provenance.
"""
import gzip
import json
import os

import gemmi
import mrcfile
import numpy as np

DATA = os.path.join("test", "fixtures", "real")
OUT = os.path.join("test", "fixtures", "modelmap")

SETS = [
    ("emd_3240_5fn5", "emd_3240_5fn5_box.ccp4", "5fn5_box_model.pdb"),
    ("emd_4413_6i5a", "emd_4413_6i5a_box.ccp4", "6i5a_box_model.pdb"),
]

# Anisotropic set: PDB 3AL1 (0.75 Å, ANISOU on all 679 atoms, 367 with altlocs; test/fixtures/structures) on a
# made-up grid with a non-zero origin that is not a multiple of the voxel size. gemmi has no origin, so the
# model is moved by −origin for gemmi; our code takes the original coordinates and the grid's origin.
ANISO = {
    "name": "pymol_3al1_aniso",
    "model": "test/fixtures/structures/pymol_3al1.pdb",
    "size_xyz": (40, 36, 28),
    "voxel": 0.9,
    "origin": (-27.37, -13.29, -20.08),
}

U_TO_B = 8 * np.pi**2


def map_grid(path):
    """Spatial sizes (x, y, z), voxel sizes (x, y, z) in Å and origin from an MRC header."""
    with mrcfile.open(path, permissive=True, header_only=True) as f:
        h = f.header
        crs = (int(h.nx), int(h.ny), int(h.nz))
        axes = (int(h.mapc), int(h.mapr), int(h.maps))
        size_xyz = [0, 0, 0]
        for k in range(3):
            size_xyz[axes[k] - 1] = crs[k]
        sampling = (int(h.mx), int(h.my), int(h.mz))
        cell = (float(h.cella.x), float(h.cella.y), float(h.cella.z))
        origin = (float(h.origin.x), float(h.origin.y), float(h.origin.z))
    assert tuple(size_xyz) == sampling, "box and sampling differ: not handled here"
    voxel = tuple(cell[k] / sampling[k] for k in range(3))
    return tuple(size_xyz), voxel, cell, origin


def minimum_b(model):
    b_min = 1000.0
    for chain in model:
        for res in chain:
            for atom in res:
                b = atom.b_iso
                if atom.aniso.nonzero():
                    u = atom.aniso
                    m = np.array([[u.u11, u.u12, u.u13], [u.u12, u.u22, u.u23], [u.u13, u.u23, u.u33]])
                    b = U_TO_B * float(np.linalg.eigvalsh(m)[0])
                b_min = min(b_min, b)
    return b_min


def sharpen_locscale(vol, b, apix):
    """The spec's sharpen_maps (§3.5 step 4) on a C-order array; N = vol.shape[0]."""
    nz, ny, nx = vol.shape
    spec = np.fft.rfftn(vol.astype(np.float64))
    # Integer signed indices, as the original's mgrid + ifftshift (fftfreq(n)·n in floating point would put
    # some exact squares a hair below the integer and floor them into the shell below).
    kz = np.array([i if i <= (nz - 1) // 2 else i - nz for i in range(nz)], dtype=np.int64)
    ky = np.array([i if i <= (ny - 1) // 2 else i - ny for i in range(ny)], dtype=np.int64)
    kx = np.arange(nx // 2 + 1, dtype=np.int64)
    k2 = kz[:, None, None] ** 2 + ky[None, :, None] ** 2 + kx[None, None, :] ** 2
    r = np.floor(np.sqrt(k2)).astype(np.int64)
    n_shells = nz // 2
    freq = np.linspace(0, 1 / (2 * apix), n_shells)
    gain = np.ones(r.shape)
    inside = r < n_shells
    gain[inside] = np.exp(b / 4 * freq[r[inside]] ** 2)
    return np.fft.irfftn(spec * gain, s=vol.shape)


def write_f32(path, arr):
    data = np.ascontiguousarray(arr, dtype="<f4").tobytes()
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    return os.path.getsize(path)


def aniso_set():
    size_xyz = ANISO["size_xyz"]
    voxel = ANISO["voxel"]
    origin = ANISO["origin"]
    cell = tuple(n * voxel for n in size_xyz)
    st = gemmi.read_structure(ANISO["model"])
    st.cell = gemmi.UnitCell(cell[0], cell[1], cell[2], 90, 90, 90)
    st.spacegroup_hm = "P 1"
    model = st[0]
    for chain in model:
        for res in chain:
            for atom in res:
                p = atom.pos
                atom.pos = gemmi.Position(p.x - origin[0], p.y - origin[1], p.z - origin[2])
    b_min = minimum_b(model)
    blur = max(U_TO_B / 1.1 * voxel**2 - b_min, 0.0)
    dc = gemmi.DensityCalculatorE()
    dc.d_min = 2 * voxel
    dc.rate = 1
    dc.blur = blur
    dc.set_grid_cell_and_spacegroup(st)
    dc.grid.set_size(*size_xyz)
    dc.add_model_density_to_grid(model)
    blurred = np.array(dc.grid, copy=True).transpose(2, 1, 0)
    atoms = [a for ch in model for res in ch for a in res]
    entry = {
        "name": ANISO["name"],
        "map": None,
        "model": ANISO["model"],
        "shapeZyx": [size_xyz[2], size_xyz[1], size_xyz[0]],
        "voxelSizeXyzA": [voxel, voxel, voxel],
        "originXyzA": list(origin),
        "apixA": voxel,
        "minimumBA2": b_min,
        "blurA2": blur,
        "atoms": len(atoms),
        "anisotropic": sum(1 for a in atoms if a.aniso.nonzero()),
        "hydrogens": sum(1 for a in atoms if a.is_hydrogen()),
        "densityCutoff": float(dc.cutoff),
        "blurred": ANISO["name"] + ".blurred.f32.gz",
        "blurredMax": float(blurred.max()),
    }
    size = write_f32(os.path.join(OUT, entry["blurred"]), blurred)
    print(f"{ANISO['name']}: grid {size_xyz} voxel {voxel} origin {origin} B_min {b_min:.3f} blur {blur:.4f} "
          f"atoms {len(atoms)} (aniso {entry['anisotropic']}); blurred max {blurred.max():.5g}; {size} bytes")
    return entry


def main():
    os.makedirs(OUT, exist_ok=True)
    meta = {
        "generator": "tools/make-modelmap-fixtures.py",
        "gemmi": gemmi.__version__,
        "numpy": np.__version__,
        "layout": "float32 little-endian, C order [z][y][x], gzip",
        "sets": [],
    }
    for name, map_file, pdb_file in SETS:
        size_xyz, voxel, cell, origin = map_grid(os.path.join(DATA, map_file))
        apix = sum(voxel) / 3
        st = gemmi.read_structure(os.path.join(DATA, pdb_file))
        st.cell = gemmi.UnitCell(cell[0], cell[1], cell[2], 90, 90, 90)
        st.spacegroup_hm = "P 1"
        model = st[0]
        b_min = minimum_b(model)
        blur = max(U_TO_B / 1.1 * apix**2 - b_min, 0.0)

        dc = gemmi.DensityCalculatorE()
        dc.d_min = 2 * apix
        dc.rate = 1
        dc.blur = blur
        dc.set_grid_cell_and_spacegroup(st)
        dc.grid.set_size(*size_xyz)
        dc.add_model_density_to_grid(model)
        blurred = np.array(dc.grid, copy=True).transpose(2, 1, 0)  # [x][y][z] -> [z][y][x]
        assert blurred.shape == (size_xyz[2], size_xyz[1], size_xyz[0])

        n_atoms = sum(1 for ch in model for res in ch for _ in res)
        n_h = sum(1 for ch in model for res in ch for a in res if a.is_hydrogen())
        entry = {
            "name": name,
            "map": "test/fixtures/real/" + map_file,
            "model": "test/fixtures/real/" + pdb_file,
            "shapeZyx": [size_xyz[2], size_xyz[1], size_xyz[0]],
            "voxelSizeXyzA": list(voxel),
            "originXyzA": list(origin),
            "apixA": apix,
            "minimumBA2": b_min,
            "blurA2": blur,
            "atoms": n_atoms,
            "hydrogens": n_h,
            "densityCutoff": float(dc.cutoff),
            "blurred": name + ".blurred.f32.gz",
            "blurredMax": float(blurred.max()),
        }
        size = write_f32(os.path.join(OUT, entry["blurred"]), blurred)
        print(f"{name}: grid {size_xyz} voxel {apix:.5f} B_min {b_min:.3f} blur {blur:.4f} "
              f"atoms {n_atoms} (H {n_h}); blurred max {blurred.max():.5g}; {size} bytes")
        if blur > 0:
            unblurred = sharpen_locscale(blurred, blur, apix)
            entry["unblurred"] = name + ".unblurred.f32.gz"
            entry["unblurredMax"] = float(unblurred.max())
            size = write_f32(os.path.join(OUT, entry["unblurred"]), unblurred)
            print(f"  unblurred max {unblurred.max():.5g}; {size} bytes")
        meta["sets"].append(entry)
    meta["sets"].append(aniso_set())
    with open(os.path.join(OUT, "modelmap-fixtures.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
