#!/usr/bin/env python3
"""Writes toy.npz and x0.npy next to this script: the full-batch polynomial toy of the README's
`study approx` table (the same arrays as `toy()` in sde/src/test/java/org/samsde/sde/study/ApproxStudyTest.java).

f(x) = 1/2 x'Ax + 1/6 C[x,x,x] + 1/24 sum_i q_i x_i^4 in d = 3, started from x0 = (1.5, -1, 2).
C is fully symmetric: C_iii = 0.6, C with exactly two equal indices 0.2, all indices distinct 0.05.
Run: python3 examples/approx/make_toy.py  (needs NumPy; the outputs are committed)."""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
d = 3
A = np.array([[1.0, 0.2, 0.0],
              [0.2, 0.6, 0.1],
              [0.0, 0.1, 0.3]])
C = np.empty((d, d, d))
for i in range(d):
    for j in range(d):
        for k in range(d):
            distinct = len({i, j, k})
            C[i, j, k] = 0.6 if distinct == 1 else (0.2 if distinct == 2 else 0.05)
q = np.full(d, 0.3)
x0 = np.array([1.5, -1.0, 2.0])
np.savez(os.path.join(here, "toy.npz"), A=A, C=C, q=q)
np.save(os.path.join(here, "x0.npy"), x0)
