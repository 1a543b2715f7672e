#!/usr/bin/env python3
"""Weak errors of the (T, m) levels written by run.sh, against the Richardson-extrapolated T = 16
reference, per observable at the final step; writes a CSV and prints a summary table.

Usage: analyse.py RUNS_DIR OUT.csv

Per seed (the unit of replication: every level shares the seeds' streams), the final value of each
observable; the error of a configuration is the mean over seeds of its difference from the
reference, with a 95% t interval from those paired differences. A configuration is a level
(T, m) or the Richardson combination 2*phi(T, 2m) - phi(T, m) of two coupled levels. The
tolerance is the criterion of the auto step-size check: a quarter of the 95% half-width of the
reference ensemble's mean. Also writes changes.csv next to OUT.csv: the coupled change between
the levels m and 2m of each family, against the check's own bound. Cost is in batch increments per step of eta (one increment: a gradient
and one Taylor pass over B samples, about one discrete SAM step on this MLP)."""
import csv
import os
import re
import sys

import numpy as np
from scipy import stats

OBS = ["train_loss", "test_loss", "test_acc", "norm", "grad_norm"]


def finals(path):
    rows = list(csv.DictReader(open(os.path.join(path, "trajectories.csv"))))
    last = max(int(r["step"]) for r in rows)
    out = {}
    for r in rows:
        if int(r["step"]) == last:
            out[int(r["seed"])] = [float(r[o]) for o in OBS]
    seeds = sorted(out)
    return seeds, np.array([out[s] for s in seeds])


def interval(diff):
    k = len(diff)
    se = diff.std(axis=0, ddof=1) / np.sqrt(k)
    return diff.mean(axis=0), stats.t.ppf(0.975, k - 1) * se


def main():
    runs, target = sys.argv[1], sys.argv[2]
    levels = {}
    seeds = None
    for name in sorted(os.listdir(runs)):
        mt = re.fullmatch(r"T(\d+)-m(\d+)", name)
        if mt and os.path.exists(os.path.join(runs, name, "trajectories.csv")):
            s, v = finals(os.path.join(runs, name))
            if seeds is not None and s != seeds:
                raise SystemExit("levels have different seeds: " + name)
            seeds = s
            levels[(int(mt.group(1)), int(mt.group(2)))] = v
    ref = 2 * levels[(16, 8)] - levels[(16, 4)]
    _, ref_half = interval(ref)
    tol = 0.25 * ref_half
    configs = []
    for (t, m), v in sorted(levels.items()):
        configs.append((f"T{t}-m{m}", t, m, "", t, v))
    for (t, m), v in sorted(levels.items()):
        if (t, 2 * m) in levels and (t, m) != (16, 4):
            configs.append((f"R(T{t}: m{m},m{2 * m})", t, 2 * m, "richardson", 2 * t, 2 * levels[(t, 2 * m)] - v))
    with open(target, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["config", "budget_T", "substeps", "kind", "cost_per_step", "observable", "mean", "error", "error_half_width",
                    "tolerance", "error_over_tolerance", "seeds"])
        print(f"{'config':22} {'cost':>4}  worst |error|/tol (observable)   max |error| + 95% hw over tol")
        for name, t, m, kind, cost, v in configs:
            mean = v.mean(axis=0)
            err, half = interval(v - ref)
            ratio = np.abs(err) / tol
            for i, o in enumerate(OBS):
                w.writerow([name, t, m, kind, cost, o, repr(float(mean[i])), repr(float(err[i])), repr(float(half[i])), repr(float(tol[i])), repr(float(ratio[i])), len(seeds)])
            worst = int(np.argmax(ratio))
            bound = np.max((np.abs(err) + half) / tol)
            print(f"{name:22} {cost:4d}  {ratio[worst]:6.2f} ({OBS[worst]:10})            {bound:6.2f}")
    print()
    print("coupled changes (what the auto check measures): phi(T, 2m) - phi(T, m), paired by seed, over a quarter of the finer")
    print("level's own 95% half-width; the check passes when every ratio is at most 1")
    with open(os.path.join(os.path.dirname(target), "changes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["budget_T", "coarse_m", "fine_m", "observable", "change", "change_half_width", "fine_half_width", "change_over_criterion"])
        for (t, m), v in sorted(levels.items()):
            if (t, 2 * m) not in levels:
                continue
            fine = levels[(t, 2 * m)]
            change, half = interval(fine - v)
            _, fine_half = interval(fine - fine.mean(axis=0))
            ratio = np.abs(change) / (0.25 * fine_half)
            for i, o in enumerate(OBS):
                w.writerow([t, m, 2 * m, o, repr(float(change[i])), repr(float(half[i])), repr(float(fine_half[i])), repr(float(ratio[i]))])
            worst = int(np.argmax(ratio))
            print(f"  T{t:<3} m {m} -> {2 * m}: worst {ratio[worst]:5.2f} ({OBS[worst]}), "
                  + ", ".join(f"{o} {r:.2f}" for o, r in zip(OBS, ratio)))
    print(f"reference: Richardson 2*phi(T16,m8) - phi(T16,m4), {len(seeds)} seeds; tolerance = 1/4 of its 95% half-width:",
          ", ".join(f"{o} {x:.3g}" for o, x in zip(OBS, tol)))


if __name__ == "__main__":
    main()
