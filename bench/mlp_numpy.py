"""NumPy reference for the MLP gradient benchmark (samsde bench/run, figure 2).

An MLP IN-H1-...-OUT with tanh hidden layers and softmax cross-entropy, mean over the batch,
parameters in samsde's public layout (per layer W (out x in, row-major), then b). The forward and
backward passes are the plain textbook ones; `check` compares the gradient with the one samsde
writes, `time` times this implementation.

usage: mlp_numpy.py prepare DIR      write DIR/data.npz (X, y) and DIR/params.npy
       mlp_numpy.py check DIR        compare with DIR/derive.npz (samsde derive output)
       mlp_numpy.py time DIR R       median seconds of R gradient evaluations
"""
import sys
import time

import numpy as np

WIDTHS = [784, 512, 512, 10]
BATCH = 1024


def unpack(x):
    layers, off = [], 0
    for i, o in zip(WIDTHS[:-1], WIDTHS[1:]):
        w = x[off:off + o * i].reshape(o, i)
        off += o * i
        b = x[off:off + o]
        off += o
        layers.append((w, b))
    return layers


def loss_and_gradient(x, X, y):
    layers = unpack(x)
    acts = [X]
    h = X
    for li, (w, b) in enumerate(layers):
        z = h @ w.T + b
        h = np.tanh(z) if li + 1 < len(layers) else z
        acts.append(h)
    z = acts[-1]
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=1, keepdims=True)
    n = X.shape[0]
    loss = float(np.mean(np.log(s[:, 0]) + m[:, 0] - z[np.arange(n), y]))
    delta = e / s
    delta[np.arange(n), y] -= 1.0
    delta /= n
    grads = []
    for li in range(len(layers) - 1, -1, -1):
        w, _ = layers[li]
        h = acts[li]
        grads.append((delta.T @ h, delta.sum(axis=0)))
        if li > 0:
            delta = (delta @ w) * (1.0 - h * h)
    flat = []
    for gw, gb in reversed(grads):
        flat.append(gw.ravel())
        flat.append(gb)
    return loss, np.concatenate(flat)


def prepare(d):
    rng = np.random.default_rng(20261123)
    X = rng.standard_normal((BATCH, WIDTHS[0]))
    y = rng.integers(0, WIDTHS[-1], BATCH).astype(np.int64)
    params = []
    for i, o in zip(WIDTHS[:-1], WIDTHS[1:]):
        bound = 1.0 / np.sqrt(i)
        params.append(rng.uniform(-bound, bound, o * i))
        params.append(rng.uniform(-bound, bound, o))
    np.savez(d + "/data.npz", X=X, y=y)
    np.save(d + "/params.npy", np.concatenate(params))


def load(d):
    data = np.load(d + "/data.npz")
    return np.load(d + "/params.npy"), data["X"], data["y"]


def main():
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "prepare":
        prepare(d)
    elif cmd == "check":
        x, X, y = load(d)
        loss, g = loss_and_gradient(x, X, y)
        out = np.load(d + "/derive.npz")
        rel = np.max(np.abs(out["grad"] - g)) / np.max(np.abs(g))
        print("%.3e" % max(rel, abs(float(out["loss"]) - loss) / abs(loss)))
    elif cmd == "time":
        x, X, y = load(d)
        for _ in range(2):
            loss_and_gradient(x, X, y)
        t = []
        for _ in range(int(sys.argv[3])):
            start = time.perf_counter()
            loss_and_gradient(x, X, y)
            t.append(time.perf_counter() - start)
        t.sort()
        print("%.6f" % t[len(t) // 2])
    elif cmd == "gemm":
        n = int(sys.argv[3])
        rng = np.random.default_rng(1)
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        for _ in range(2):
            a @ b
        t = []
        for _ in range(9):
            start = time.perf_counter()
            a @ b
            t.append(time.perf_counter() - start)
        t.sort()
        print("%.3f" % (2 * n ** 3 / t[4] / 1e9))
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
