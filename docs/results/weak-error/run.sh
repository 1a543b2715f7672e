#!/usr/bin/env bash
# Weak error of the sam3 solver's (M, m) choices on the paper-sde problem (MLP 784-64-10 tanh,
# 5000 MNIST images, B = 64, eta = rho = 0.05), against a converged reference.
#
# Each level is one `samsde compare` run of sam3 alone at m substeps with a drift budget of
# T batches per step of eta (mc:T, shared by the m substeps: M' = T/m per substep) and compensated
# noise centred in groups of two: exactly the solver that `--substeps auto` runs for that level
# (StepSizes.levelSolver). Levels with the same T and seed draw the same batches and normals, so
# their differences are coupled. The reference is the Richardson extrapolation 2*phi(m=8) - phi(m=4)
# of the T = 16 family. analyse.py writes weak-error.csv and prints the table of docs/sde-step-cost.md.
#
# Usage: docs/results/weak-error/run.sh [RUNS_DIR]   (default runs/weak-error; needs MNIST installed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
samsde=${SAMSDE:-"$root/samsde"}
out=${1:-runs/weak-error}
common=(--model mlp:784-64-10:tanh --data mnist:n=5000,test=1000 --batch 64 --lr 0.05 --rho 0.05
        --steps 250 --every 50 --seeds 16 --methods sam3 --no-hessian --checkpoint-every 0 --force -q)
for level in "16 8" "16 4" "8 4" "8 2" "8 1" "4 2" "4 1" "2 1"; do
  read -r T m <<< "$level"
  "$samsde" compare "${common[@]}" --drift "mc:$T" --noise compensated:2 --substeps "$m" --out "$out/T$T-m$m"
done
python3 "$here/analyse.py" "$out" "$here/weak-error.csv"
