#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures of org.samsde.core.io's tests next to this script.

Run once with numpy installed (python3 make_fixtures.py) and commit the output; the files are
tiny. The Java tests (NpyFixturesTest) rebuild every array below with the same arithmetic and
compare, and compare Npy.write's bytes with the np.save-written files listed under
"Written by np.save". Re-running rewrites the .npy files identically; the two archives change
only in their zip timestamps.

Arrays (C order; i runs over np.arange of the element count, Java mirrors each formula):

  f8_2d.npy        float64 (2, 3): i * 0.5 - 1.0
  f8_0d.npy        float64 ():     np.pi (Java Math.PI, the same double)
  f8_1d.npy        float64 (5,):   i * i / 7.0
  f8_special.npy   float64 (9,):   [-0.0, 1e-300, 1e300, nan, inf, -inf, 0.1, 1/3, 5e-324]
  f8_empty.npy     float64 (0,):   empty
  f8_fullpad.npy   float64 (0, 1000, 10000, 10000, 1, 1, 1, 1, 1, 1, 1): empty; its header dict
                   ends exactly on a 64-byte boundary, so numpy pads a whole 64-byte block
  f4_2d.npy        float32 (2, 3): float32(i) / float32(3)   (Java: (float) i / 3f)
  f4_special.npy   float32 (6,):   [0.5, -1.25, 0.1, 1/3, 1e-40, 3.4e38] rounded to float32
                                   (Java: (float) of each double literal)
  i8_2d.npy        int64 (3, 2):   (i - 3) * 1000003
  i8_extremes.npy  int64 (5,):     [int64 min, int64 max, 0, -1, 2**53 + 1]
  i4_2d.npy        int32 (3, 4):   (i - 6) * 7
  i4_empty.npy     int32 (2, 0, 3): empty
  be_f8.npy        '>f8' (2, 2):   i * 1.5, big-endian
  be_i4.npy        '>i4' (4,):     i * -100000, big-endian
  v2_f8.npy        float64 (3,):   i + 0.25, written as format version 2.0
  v3_i8.npy        int64 (2,):     i - 7, written as format version 3.0
  savez.npz        np.savez:            a = f8_2d, b = i4_2d, c = f8_0d
  savez_compressed.npz np.savez_compressed: the same three arrays

Broken files (each must be rejected):

  bad_truncated.npy   f8_2d.npy without its last 5 bytes
  bad_trailing.npy    f8_1d.npy followed by b'garbage'
  bad_fortran.npy     np.asfortranarray of f8_2d, header fortran_order True
  bad_complex.npy     complex128 '<c16' (2,): [1+2j, 3-4j]
  bad_bool.npy        bool '|b1' (3,): [True, False, True]
  bad_object.npy      object '|O' (2,): [1, 'a'] (pickled)
  bad_magic.npy       the text b'this is not a numpy file\\n'
  bad_entry.npz       zip with a.npy = f8_1d and notes.txt
  bad_duplicate.npz   zip with the entry a.npy twice (f8_1d, then i4_2d)
  bad_member.npz      zip with a.npy = bad_truncated.npy content
"""
import io
import os
import warnings
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def arange(n, dtype="<f8"):
    return np.arange(n, dtype=dtype)


f8_2d = (arange(6) * 0.5 - 1.0).reshape(2, 3)
f8_0d = np.array(np.pi)
f8_1d = arange(5) * arange(5) / 7.0
f8_special = np.array([-0.0, 1e-300, 1e300, np.nan, np.inf, -np.inf, 0.1, 1 / 3, 5e-324])
f8_empty = np.zeros((0,), dtype="<f8")
f8_fullpad = np.zeros((0, 1000, 10000, 10000) + (1,) * 7, dtype="<f8")
f4_2d = (arange(6, "<f4") / np.float32(3)).reshape(2, 3)
f4_special = np.array([0.5, -1.25, 0.1, 1 / 3, 1e-40, 3.4e38], dtype="<f4")
i8_2d = ((arange(6, "<i8") - 3) * 1000003).reshape(3, 2)
i8_extremes = np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, 0, -1, 2**53 + 1],
                       dtype="<i8")
i4_2d = ((arange(12, "<i4") - 6) * 7).reshape(3, 4)
i4_empty = np.zeros((2, 0, 3), dtype="<i4")
be_f8 = (arange(4) * 1.5).reshape(2, 2).astype(">f8")
be_i4 = (arange(4, "<i4") * -100000).astype(">i4")
v2_f8 = arange(3) + 0.25
v3_i8 = arange(2, "<i8") - 7

# Written by np.save; Npy.write must reproduce these byte for byte.
SAVED = {
    "f8_2d": f8_2d, "f8_0d": f8_0d, "f8_1d": f8_1d, "f8_special": f8_special,
    "f8_empty": f8_empty, "f8_fullpad": f8_fullpad, "f4_2d": f4_2d, "f4_special": f4_special, "i8_2d": i8_2d,
    "i8_extremes": i8_extremes, "i4_2d": i4_2d, "i4_empty": i4_empty,
}


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version, allow_pickle=True)
    return buffer.getvalue()


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def write_zip(name, members, compression=zipfile.ZIP_STORED):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name on purpose
        with zipfile.ZipFile(path(name), "w", compression) as z:
            for member, data in members:
                z.writestr(member, data)


def main():
    for name, array in SAVED.items():
        np.save(path(name + ".npy"), array)
    np.save(path("be_f8.npy"), be_f8)
    np.save(path("be_i4.npy"), be_i4)
    write_bytes("v2_f8.npy", npy_bytes(v2_f8, (2, 0)))
    write_bytes("v3_i8.npy", npy_bytes(v3_i8, (3, 0)))
    np.savez(path("savez.npz"), a=f8_2d, b=i4_2d, c=f8_0d)
    np.savez_compressed(path("savez_compressed.npz"), a=f8_2d, b=i4_2d, c=f8_0d)

    truncated = npy_bytes(f8_2d)[:-5]
    write_bytes("bad_truncated.npy", truncated)
    write_bytes("bad_trailing.npy", npy_bytes(f8_1d) + b"garbage")
    write_bytes("bad_fortran.npy", npy_bytes(np.asfortranarray(f8_2d)))
    write_bytes("bad_complex.npy", npy_bytes(np.array([1 + 2j, 3 - 4j], dtype="<c16")))
    write_bytes("bad_bool.npy", npy_bytes(np.array([True, False, True])))
    write_bytes("bad_object.npy", npy_bytes(np.array([1, "a"], dtype=object)))
    write_bytes("bad_magic.npy", b"this is not a numpy file\n")
    write_zip("bad_entry.npz", [("a.npy", npy_bytes(f8_1d)), ("notes.txt", b"hello\n")])
    write_zip("bad_duplicate.npz", [("a.npy", npy_bytes(f8_1d)), ("a.npy", npy_bytes(i4_2d))])
    write_zip("bad_member.npz", [("a.npy", truncated)])


if __name__ == "__main__":
    main()
