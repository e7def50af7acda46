#!/usr/bin/python3
"""Makes the .npy fixtures of NpyTest with real NumPy. Run by hand, never by the build:

    cd sim-operators/src/test/resources/io/npy && /usr/bin/python3 make_fixtures.py

(/usr/bin/python3 is Debian's Python with NumPy 1.24; the files were made with it.) It rewrites every *.npy
here and expected.tsv, which lists for each readable fixture its dtype name, shape and the bits of every value
after `astype(np.float32)` in C order, so the Java test checks the reader against NumPy's own conversion
without reading NumPy files to get the expected values.
"""
import glob
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))

# Values chosen to hit each conversion's edges: extremes, exact-halfway cases (ties to even) and one above
# halfway (2^62 + 2^38 + 1, 2^63 + 2^39 + 1), which a conversion rounding twice through float64 gets wrong.
VALUES = {
    'b1': [True, False, True, False, False, True],
    'i1': [-128, -1, 0, 1, 100, 127],
    'u1': [0, 1, 2, 127, 128, 255],
    'i2': [-32768, -1, 0, 1, 12345, 32767],
    'u2': [0, 1, 255, 256, 40000, 65535],
    'i4': [-2**31, -1, 16777217, 16777219, 123456789, 2**31 - 1],
    'u4': [0, 1, 16777217, 2**31, 3000000001, 2**32 - 1],
    'i8': [-2**63, -1, 2**62 + 2**38, 2**62 + 2**38 + 1, 16777217, 2**63 - 1],
    'u8': [0, 12345, 2**63 + 2**39, 2**63 + 2**39 + 1, 2**63, 2**64 - 1],
    'f2': [0.0, -0.0, 65504.0, 6e-08, np.inf, 1 / 3],
    'f4': [0.1, -2.5, 3.4028235e38, 1e-45, -0.0, -np.inf],
    'f8': [0.1, 1 / 3, 1e300, 1e-50, -1.0000000596046448, 3.4028235677973366e38],
}

rows = []


def save(name, array, version=(1, 0)):
    with open(os.path.join(HERE, name), 'wb') as f:
        npformat.write_array(f, array, version=version, allow_pickle=True)


def expect(name, array):
    values = np.ascontiguousarray(array).astype('<f4').reshape(-1)
    bits = ' '.join('%08x' % b for b in values.view('<u4'))
    shape = ','.join(str(d) for d in array.shape)
    rows.append('\t'.join([name, array.dtype.name, shape, bits]))


for old in glob.glob(os.path.join(HERE, '*.npy')):
    os.remove(old)

with np.errstate(over='ignore'):
    for code, values in VALUES.items():
        orders = '|' if code[1] == '1' else '<>'
        for order in orders:
            a = np.array(values, dtype=order + code).reshape(2, 3)
            versions = [(1, 0), (2, 0)] + ([(3, 0)] if code in ('f4', 'i8') else [])
            for version in versions:
                kind = {'|': 'na', '<': 'le', '>': 'be'}[order]
                name = 'v%d_%s_%s.npy' % (version[0], code, kind)
                save(name, a, version)
                expect(name, a)

    # Fortran order: NumPy writes fortran_order True for an F-contiguous array; values must come back in C order.
    f = np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4) * 0.5 - 3)
    assert f.flags.f_contiguous and not f.flags.c_contiguous
    save('fortran_f8_2x3x4.npy', f)
    expect('fortran_f8_2x3x4.npy', f)
    g = np.asfortranarray(np.arange(15, dtype='>i2').reshape(3, 5) - 7)
    save('fortran_i2_be_3x5.npy', g)
    expect('fortran_i2_be_3x5.npy', g)

    # 0-d and empty arrays.
    s = np.array(2.5, dtype='<f8')
    save('scalar_f8.npy', s)
    expect('scalar_f8.npy', s)
    e = np.zeros((0, 3), dtype='<f4')
    save('empty_0x3_f4.npy', e)
    expect('empty_0x3_f4.npy', e)

    # What np.save writes for float32 arrays: Npy.write must produce the same bytes.
    for shape in [(), (0, 3), (5,), (2, 3, 4), (1000, 3), (1,) * 20]:
        n = int(np.prod(shape))
        w = (np.arange(n, dtype='<f4') * np.float32(0.25) - np.float32(1)).reshape(shape)
        name = 'written_%s.npy' % ('x'.join(str(d) for d in shape) or 'scalar')
        np.save(os.path.join(HERE, name), w)

    # Refused: pickled objects, a structured dtype, complex numbers, strings.
    save('refused_object.npy', np.array([1, 'a', None], dtype=object))
    save('refused_structured.npy', np.zeros(2, dtype=[('a', '<f4'), ('b', '<i4')]))
    save('refused_complex.npy', np.array([1 + 2j], dtype='<c8'))
    save('refused_unicode.npy', np.array(['abc'], dtype='<U3'))

with open(os.path.join(HERE, 'expected.tsv'), 'w') as out:
    out.write('# file\tdtype\tshape\tfloat32 bits of each value in C order (made by make_fixtures.py)\n')
    out.write('\n'.join(rows) + '\n')
