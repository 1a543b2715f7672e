"""PyTorch reference for the MLP derivative benchmark (samsde bench/run, figures 2b-2d).

The same MLP as mlp_numpy.py (784-512-512-10, tanh, softmax cross-entropy, mean over a batch of
1024, samsde's parameter layout), in float64 with PyTorch's autograd, as PyHessian computes
Hessian-vector products: the gradient by one backward pass, Hv by double backward (the gradient of
<g, v>), and T[v, v] by triple backward (the gradient of <Hv, v>). `check` compares all three with
what `samsde derive` wrote; `time` times the three passes (medians).

usage: mlp_torch.py direction DIR     write DIR/direction.npy (a seeded unit vector)
       mlp_torch.py check DIR         max relative error against DIR/derive_v.npz (samsde derive output)
       mlp_torch.py time DIR R        median seconds of R repeats: gradient, gradient+Hv, gradient+Hv+T[v,v]
"""
import sys
import time

import numpy as np
import torch

from mlp_numpy import WIDTHS, load

torch.set_default_dtype(torch.float64)


def loss_fn(x, X, y):
    off, h = 0, X
    layers = list(zip(WIDTHS[:-1], WIDTHS[1:]))
    for li, (i, o) in enumerate(layers):
        w = x[off:off + o * i].reshape(o, i)
        off += o * i
        b = x[off:off + o]
        off += o
        h = h @ w.T + b
        if li + 1 < len(layers):
            h = torch.tanh(h)
    return torch.nn.functional.cross_entropy(h, y)


def derivatives(x, X, y, v, order):
    x = x.detach().requires_grad_(True)
    f = loss_fn(x, X, y)
    (g,) = torch.autograd.grad(f, x, create_graph=order > 0)
    if order == 0:
        return f, g, None, None
    (hv,) = torch.autograd.grad(g @ v, x, create_graph=order > 1)
    if order == 1:
        return f, g, hv, None
    (tvv,) = torch.autograd.grad(hv @ v, x)
    return f, g, hv, tvv


def tensors(d):
    x, X, y = load(d)
    v = np.load(d + "/direction.npy")
    return torch.from_numpy(x), torch.from_numpy(X), torch.from_numpy(y), torch.from_numpy(v)


def main():
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "direction":
        x, _, _ = load(d)
        v = np.random.default_rng(7).standard_normal(x.shape[0])
        np.save(d + "/direction.npy", v / np.linalg.norm(v))
    elif cmd == "check":
        x, X, y, v = tensors(d)
        f, g, hv, tvv = derivatives(x, X, y, v, 2)
        out = np.load(d + "/derive_v.npz")
        err = abs(float(out["loss"]) - float(f)) / abs(float(f))
        for name, ref in (("grad", g), ("hvp", hv), ("d3", tvv)):
            r = ref.detach().numpy()
            err = max(err, np.max(np.abs(out[name] - r)) / np.max(np.abs(r)))
        print("%.3e" % err)
    elif cmd == "time":
        x, X, y, v = tensors(d)
        medians = []
        for order in (0, 1, 2):
            for _ in range(2):
                derivatives(x, X, y, v, order)
            t = []
            for _ in range(int(sys.argv[3])):
                start = time.perf_counter()
                derivatives(x, X, y, v, order)
                t.append(time.perf_counter() - start)
            t.sort()
            medians.append(t[len(t) // 2])
        print(" ".join("%.6f" % m for m in medians))
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
