#!/usr/bin/python3
"""mrcfile as an independent oracle for LocScale-TS's MRC reader and writer (fixtures only; never a runtime
dependency).

Run with Debian's python3, which has mrcfile 1.4.3 (the pyenv python3 first on PATH does not):

    /usr/bin/python3 tools/check-mrc-with-mrcfile.py --make test/fixtures/mrc

--make  first writes the mrcfile-made fixtures (mrcfile-*.mrc[.gz]) described in MADE below.
Then, for every *.mrc / *.mrc.gz in the folder (ours-* written by tools/make-mrc-fixtures.ts, and mrcfile-*):
asserts mrcfile.validate(path) is True and writes <file>.mrcfile.json beside it: the raw header fields as
mrcfile reads them, mrcfile's voxel_size, the data shape/dtype, float64 statistics and a set of sampled voxels
indexed [section, row, column] as mrcfile's data array is (mrcfile does not apply MAPC/MAPR/MAPS).
"""
import glob
import io
import json
import os
import sys

import mrcfile
import numpy as np


def spatial_grid(shape_xyz, map_crs):
    """Counts in column/row/section order for a grid given along x, y, z."""
    return tuple(shape_xyz[a - 1] for a in map_crs)


def formula_data(shape_xyz, map_crs, f, dtype):
    """Array indexed [section, row, column] holding f(x, y, z) for the axis order map_crs."""
    nc, nr, ns = spatial_grid(shape_xyz, map_crs)
    data = np.empty((ns, nr, nc), dtype=dtype)
    for s in range(ns):
        for r in range(nr):
            for c in range(nc):
                xyz = [0, 0, 0]
                xyz[map_crs[0] - 1] = c
                xyz[map_crs[1] - 1] = r
                xyz[map_crs[2] - 1] = s
                data[s, r, c] = f(*xyz)
    return data


def set_frame(mrc, map_crs, sampling_xyz, voxel_xyz, start_crs=(0, 0, 0), origin_xyz=(0.0, 0.0, 0.0)):
    h = mrc.header
    h.mapc, h.mapr, h.maps = map_crs
    h.mx, h.my, h.mz = sampling_xyz
    h.cella = tuple(m * v for m, v in zip(sampling_xyz, voxel_xyz))
    h.nxstart, h.nystart, h.nzstart = start_crs
    h.origin = origin_xyz


MADE = {
    # int16, axis order 3,2,1 (columns z, rows y, sections x, like the real EMDB boxes), non-zero NXSTART…,
    # sampling MX… = 2 × grid (voxel size must come from CELLA / M, not CELLA / N), ORIGIN zero.
    'mrcfile-int16-crs321-nstart.mrc': dict(
        shape_xyz=(6, 7, 8), map_crs=(3, 2, 1), dtype=np.int16,
        f=lambda x, y, z: x * 1000 + y * 10 - z * 7 - 20,
        sampling_xyz=(12, 14, 16), voxel_xyz=(1.2, 0.8, 1.05), start_crs=(-4, 5, 11),
    ),
    # float16, axis order 2,3,1, non-zero ORIGIN, an 160-byte CCP4 extended header, gzip-compressed.
    'mrcfile-float16-crs231-ext.mrc.gz': dict(
        shape_xyz=(5, 6, 7), map_crs=(2, 3, 1), dtype=np.float16,
        f=lambda x, y, z: (x - 2) * 1.5 + y * 0.125 - z * 3.0 + (2.0 ** -24 if (x + y + z) % 5 == 0 else 0.0),
        sampling_xyz=(5, 6, 7), voxel_xyz=(0.5, 0.75, 1.5), origin_xyz=(1.5, -2.25, 3.0),
        extended=b''.join(s.ljust(80).encode('ascii') for s in ('SYMMETRY OPERATOR X,Y,Z', 'LOCSCALE-TS TEST RECORD')),
        exttyp=b'CCP4',
    ),
    # float32, big-endian (machine stamp 0x11 0x11), axis order 1,3,2, non-zero ORIGIN.
    'mrcfile-float32-bigendian-crs132.mrc': dict(
        shape_xyz=(4, 5, 6), map_crs=(1, 3, 2), dtype=np.dtype('>f4'),
        f=lambda x, y, z: x * 0.5 - y * 2.25 + z * z * 0.125,
        sampling_xyz=(4, 5, 6), voxel_xyz=(2.0, 2.0, 2.0), origin_xyz=(-10.0, 0.5, 100.25),
    ),
    # int8 with negative values, axis order 2,1,3.
    'mrcfile-int8-crs213.mrc': dict(
        shape_xyz=(6, 4, 3), map_crs=(2, 1, 3), dtype=np.int8,
        f=lambda x, y, z: (x * 37 + y * 11 - z * 50) % 256 - 128,
        sampling_xyz=(6, 4, 3), voxel_xyz=(1.0, 1.5, 2.0),
    ),
    # uint16 above 32767, standard axis order, NXSTART… non-zero.
    'mrcfile-uint16.mrc': dict(
        shape_xyz=(5, 4, 3), map_crs=(1, 2, 3), dtype=np.uint16,
        f=lambda x, y, z: (x * 9000 + y * 4000 + z * 15000) % 65536,
        sampling_xyz=(5, 4, 3), voxel_xyz=(0.9, 0.9, 0.9), start_crs=(10, -20, 30),
    ),
}


def make(folder):
    for name, spec in MADE.items():
        path = os.path.join(folder, name)
        compression = 'gzip' if name.endswith('.gz') else None
        with mrcfile.new(path, overwrite=True, compression=compression) as mrc:
            mrc.set_data(formula_data(spec['shape_xyz'], spec['map_crs'], spec['f'], spec['dtype']))
            set_frame(mrc, spec['map_crs'], spec['sampling_xyz'], spec['voxel_xyz'],
                      spec.get('start_crs', (0, 0, 0)), spec.get('origin_xyz', (0.0, 0.0, 0.0)))
            if 'extended' in spec:
                mrc.set_extended_header(np.frombuffer(spec['extended'], dtype='V1'))
                mrc.header.exttyp = spec['exttyp']
            mrc.header.label[0] = 'mrcfile {0} fixture for LocScale-TS: {1}'.format(mrcfile.__version__, name)
            mrc.header.nlabl = 1
        print('made', path)


def sample_indices(shape):
    """Corners, centre and a deterministic scatter of [s, r, c] indices."""
    ns, nr, nc = shape
    picks = {(0, 0, 0), (ns - 1, nr - 1, nc - 1), (0, nr - 1, 0), (ns - 1, 0, nc - 1), (ns // 2, nr // 2, nc // 2)}
    for k in range(40):
        picks.add(((k * 7) % ns, (k * 11 + 3) % nr, (k * 13 + 5) % nc))
    return sorted(picks)


def dump(path):
    out = io.StringIO()
    valid = mrcfile.validate(path, print_file=out)
    assert valid, 'mrcfile.validate({0}) is False:\n{1}'.format(path, out.getvalue())
    with mrcfile.open(path, permissive=False) as mrc:
        h = mrc.header
        data = np.asarray(mrc.data)
        header = {
            name: h[name].item() for name in (
                'nx', 'ny', 'nz', 'mode', 'nxstart', 'nystart', 'nzstart', 'mx', 'my', 'mz',
                'mapc', 'mapr', 'maps', 'dmin', 'dmax', 'dmean', 'ispg', 'nsymbt', 'nversion', 'rms', 'nlabl')
        }
        header['cella'] = [h.cella.x.item(), h.cella.y.item(), h.cella.z.item()]
        header['cellb'] = [h.cellb.alpha.item(), h.cellb.beta.item(), h.cellb.gamma.item()]
        header['origin'] = [h.origin.x.item(), h.origin.y.item(), h.origin.z.item()]
        header['map'] = bytes(h.map).decode('latin-1')
        header['exttyp'] = bytes(h.exttyp).decode('latin-1')
        header['machst'] = [int(b) for b in h.machst]
        header['label'] = [bytes(l).decode('latin-1').rstrip('\0 ') for l in h.label]
        as64 = data.astype(np.float64)
        result = {
            'file': os.path.basename(path),
            'mrcfile_version': mrcfile.__version__,
            'mrcfile_validate': valid,
            'byte_order': '>' if h.mode.dtype.byteorder == '>' else '<',
            'header': header,
            'voxel_size': [mrc.voxel_size.x.item(), mrc.voxel_size.y.item(), mrc.voxel_size.z.item()],
            'data_shape_src': list(data.shape),
            'data_dtype': str(data.dtype),
            'stats': {'min': float(as64.min()), 'max': float(as64.max()),
                      'mean': float(as64.mean()), 'std': float(as64.std())},
            'samples_src_value': [[s, r, c, float(data[s, r, c])] for s, r, c in sample_indices(data.shape)],
        }
    json_path = path + '.mrcfile.json'
    with open(json_path, 'w') as f:
        json.dump(result, f, indent=1)
        f.write('\n')
    print('valid', path, '->', json_path)


def main(argv):
    args = [a for a in argv if a != '--make']
    folder = args[0] if args else 'test/fixtures/mrc'
    if '--make' in argv:
        make(folder)
    paths = sorted(glob.glob(os.path.join(folder, '*.mrc')) + glob.glob(os.path.join(folder, '*.mrc.gz')))
    assert paths, 'no MRC files in ' + folder
    for path in paths:
        dump(path)


if __name__ == '__main__':
    main(sys.argv[1:])
