package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.tensor.Vectors;

/**
 * The symmetric Lanczos recurrence with full reorthogonalisation, shared by {@link Lanczos} and
 * {@link SpectralDensity} (package-private).
 *
 * <p>From a unit q₀, step j computes w = H q_j, α_j = ⟨q_j, w⟩,
 * w ← w − α_j q_j − β_{j−1} q_{j−1}, then removes from w its components along every stored
 * q_0…q_j twice (classical Gram–Schmidt, "twice is enough"), and sets β_j = ‖w‖,
 * q_{j+1} = w/β_j. After n steps, with Q_n = [q_0 … q_{n−1}] and T_n = tridiag(β, α, β):
 * H Q_n = Q_n T_n + β_{n−1} q_n e_nᵀ (to rounding), so a Ritz pair (θ, y = Q_n s) of
 * T_n s = θ s has residual ‖H y − θ y‖ = |β_{n−1}|·|s_{n−1}|.
 *
 * <p>Breakdown: when β_j ≤ {@link #BREAKDOWN}·‖H‖ (‖H‖ estimated by the largest ‖H q_j‖ seen),
 * span{q_0…q_j} is an invariant subspace; β_j is set to 0 and the caller may {@link #restart}
 * with a random unit vector orthogonal to the basis, which makes T block-diagonal and keeps the
 * relation above exact. Memory: the basis, n rows of d doubles.
 */
final class LanczosProcess {
    /** Relative size of β below which the Krylov space counts as invariant: 64 units of rounding. */
    static final double BREAKDOWN = 64 * Math.ulp(1.0);

    private final SymmetricOperator op;
    private final int d;
    private final int capacity;
    private final UniformRandomProvider rng;
    private final double[][] basis;
    private final double[] alpha;
    private final double[] beta;
    private double[] next;
    private int steps;
    private int restarts;
    private double normEstimate;

    /**
     * @param op the operator
     * @param capacity the most steps, 1 ≤ capacity ≤ d
     * @param start the first vector, nonzero; not modified (normalised on a copy)
     * @param rng the stream restart vectors are drawn from
     */
    LanczosProcess(SymmetricOperator op, int capacity, double[] start, UniformRandomProvider rng) {
        this.op = op;
        this.d = op.dimension();
        if (capacity < 1 || capacity > d) {
            throw new IllegalArgumentException("Lanczos capacity " + capacity + " outside 1.." + d);
        }
        if (start.length != d) {
            throw new IllegalArgumentException("start vector has " + start.length + " elements, the operator acts on d = " + d);
        }
        this.capacity = capacity;
        this.rng = rng;
        this.basis = new double[capacity][];
        this.alpha = new double[capacity];
        this.beta = new double[capacity];
        this.next = start.clone();
        for (double v : next) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("start vector has a non-finite entry " + v);
            }
        }
        if (Vectors.normalise(next, 0, d) == 0) {
            throw new IllegalArgumentException("start vector is zero");
        }
    }

    /** @return the steps taken, n */
    int steps() {
        return steps;
    }

    /** @return how many times the recurrence was restarted after a breakdown */
    int restarts() {
        return restarts;
    }

    /** @return whether another step can be taken (capacity left and no unresolved breakdown) */
    boolean canStep() {
        return steps < capacity && next != null;
    }

    /**
     * One step of the recurrence (one operator application).
     *
     * @return true when it ended in a breakdown (β_j = 0; {@link #restart} before the next step)
     */
    boolean step() {
        if (!canStep()) {
            throw new IllegalStateException("no Lanczos step possible after " + steps + " steps");
        }
        int j = steps;
        double[] q = next;
        basis[j] = q;
        double[] w = new double[d];
        op.apply(q, 1, w);
        normEstimate = Math.max(normEstimate, Vectors.scaledNorm(w));
        double a = Vectors.dot(q, w);
        alpha[j] = a;
        Vectors.axpy(d, -a, q, 0, w, 0);
        if (j > 0) {
            Vectors.axpy(d, -beta[j - 1], basis[j - 1], 0, w, 0);
        }
        Vectors.orthogonalise(w, basis, j + 1, d);
        double b = Vectors.scaledNorm(w);
        steps = j + 1;
        if (!(b > BREAKDOWN * normEstimate)) {
            beta[j] = 0;
            next = null;
            return true;
        }
        beta[j] = b;
        Vectors.scale(d, 1.0 / b, w, 0);
        next = w;
        return false;
    }

    /**
     * After a breakdown: continues with a random unit vector orthogonal to the basis (β stays 0,
     * so T becomes block-diagonal).
     *
     * @return false when the basis already spans ℝᵈ (no orthogonal direction exists) or capacity is used up
     */
    boolean restart() {
        if (steps >= capacity || steps >= d) {
            return false;
        }
        double[] r = new double[d];
        for (int attempt = 0; attempt < 3; attempt++) {
            Vectors.gaussian(rng, r, 0, d);
            double before = Vectors.scaledNorm(r);
            Vectors.orthogonalise(r, basis, steps, d);
            // a random vector keeps a fraction √((d − n)/d) of its norm outside an n-dimensional span
            if (Vectors.scaledNorm(r) > 1e-8 * before) {
                Vectors.normalise(r, 0, d);
                next = r;
                restarts++;
                return true;
            }
        }
        return false;
    }

    /** @return β_{n−1}, the coupling of the last basis vector to the next (0 after a breakdown) */
    double lastBeta() {
        return steps == 0 ? 0 : beta[steps - 1];
    }

    /** @return a copy of α_0…α_{n−1} */
    double[] alphas() {
        return java.util.Arrays.copyOf(alpha, steps);
    }

    /** @return a copy of β_0…β_{n−1} (the last couples to q_n) */
    double[] betas() {
        return java.util.Arrays.copyOf(beta, steps);
    }

    /** @return the Ritz values of T_n, ascending (EJML tridiagonal QR, O(n²)) */
    double[] ritzValues() {
        return TridiagonalEigen.eigenvalues(alpha, beta, steps);
    }

    /**
     * @param theta a Ritz value of T_n
     * @return the residual bound |β_{n−1}|·|s_{n−1}| of its Ritz pair (inverse iteration on T_n, O(n))
     */
    double residualEstimate(double theta) {
        double b = lastBeta();
        if (b == 0) {
            return 0;
        }
        double[] s = TridiagonalEigen.eigenvector(alpha, beta, steps, theta);
        return b * Math.abs(s[steps - 1]);
    }

    /** @return the full decomposition of T_n (EJML, with vectors) */
    TridiagonalEigen decompose() {
        return TridiagonalEigen.of(alpha, beta, steps);
    }

    /**
     * @param eig the decomposition of T_n
     * @param i which eigenvector of T_n
     * @param out receives y = Q_n s_i, normalised, at offset off; modified
     * @param off offset into out
     */
    void ritzVector(TridiagonalEigen eig, int i, double[] out, int off) {
        java.util.Arrays.fill(out, off, off + d, 0.0);
        for (int r = 0; r < steps; r++) {
            Vectors.axpy(d, eig.component(r, i), basis[r], 0, out, off);
        }
        Vectors.normalise(out, off, d);
    }
}
