package org.samsde.sde.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.math3.util.CombinatoricsUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.Snapshots;
import org.samsde.sde.Vectors;

/**
 * An SDE model of {@link SdeKind} solved by Euler–Maruyama, sampled at the optimiser's steps.
 *
 * <p>Each step of the optimiser's clock (SDE time η) takes m substeps of Δt = η/m:
 * X ← X − b(X)·Δt + √(η·Δt)·ξ′ with ξ′ of covariance Σ̃(X) from the {@link NoiseSpec}.
 *
 * <p>Method properties. Euler–Maruyama: strong order ½ (1 for additive noise), weak order 1 in Δt
 * (Kloeden and Platen 1992, §14.1); with {@link org.samsde.sde.study.WeakOrderStudy Richardson
 * extrapolation} of expectations, weak order 2 (Talay and Tubaro 1990). Noise: multiplicative,
 * state-dependent Σ̃; diagonal Σ̃ not assumed. Cost per substep, in passes over the full data (n) or
 * a batch (B): drift {@code plugin}/{@code exact} (B = n) one gradient plus one order-K pass over n;
 * {@code mc:M} M·(gradient + order-K pass) over B; noise {@code per-sample} one gradient, two
 * order-K passes and one order-1 pass over n; {@code batch-mc:M} M·(gradient + order-K) over B;
 * {@code resample} gradient + order-K over B; {@code isotropic} none. References: Li, Tai and E
 * (2017, 2019) for sgd1/sgd2; Compagnoni et al. (ICML 2023) for usam/sam2; Luo et al. (NeurIPS
 * 2024) for the third-order term of sam3, derived here from the ρ-expansion
 * ∇f_γ(x + ρn_γ) = g_γ + ρH_γn_γ + (ρ²/2)T_γ[n_γ, n_γ] + O(ρ³) and checked numerically.
 *
 * @param objective the training loss
 * @param kind the model
 * @param rho ρ ≥ 0
 * @param eta η > 0, the learning rate whose SDE this is
 * @param sampling the batches whose statistics the model carries (B, with/without replacement)
 * @param substeps m ≥ 1
 * @param drift the drift estimator for mini-batch models
 * @param noise the noise sampler
 */
public record SdeSolver(Objective objective, SdeKind kind, double rho, double eta, Sampling sampling, int substeps,
                        DriftEstimator drift, NoiseSpec noise) implements Dynamics<SdeSolver.State> {

    /** The most batches the exact drift enumerates. */
    public static final long EXACT_LIMIT = 5000;

    private static final long BATCHES = 1;
    private static final long NOISE = 3;

    /** Validates the parameters and that the drift estimator can run on this problem. */
    public SdeSolver {
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("rho must be finite and non-negative, got " + rho);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + eta);
        }
        if (substeps < 1) {
            throw new IllegalArgumentException("substeps must be at least 1, got " + substeps);
        }
        int n = objective.sampleCount();
        int b = sampling.size(n);
        if (drift instanceof DriftEstimator.Exact && kind.batchDirection() && !sampling.isFull(n)) {
            if (sampling.replacement()) {
                throw new IllegalArgumentException("the exact drift is available for batches without replacement only; use mc:M or plugin");
            }
            double count = CombinatoricsUtils.binomialCoefficientDouble(n, b);
            if (count > EXACT_LIMIT) {
                throw new IllegalArgumentException("the exact drift would average " + (long) Math.min(count, Long.MAX_VALUE)
                        + " batches (n = " + n + ", B = " + b + "; at most " + EXACT_LIMIT + "): use mc:M or plugin");
            }
        }
    }

    @Override
    public String name() {
        return kind.label();
    }

    /** The trajectory of an SDE solution: parameters and its random streams. */
    public static final class State extends Dynamics.State {
        private final Sampling.Sampler sampler;
        private final UniformRandomProvider noiseStream;
        private final ZigguratSampler.NormalizedGaussian gauss;

        State(Tensor x, Sampling.Sampler sampler, UniformRandomProvider noiseStream) {
            super(x);
            this.sampler = sampler;
            this.noiseStream = noiseStream;
            this.gauss = ZigguratSampler.NormalizedGaussian.of(noiseStream);
        }

        @Override
        public Tensor perturbation() {
            return null;
        }
    }

    @Override
    public State init(Tensor x0, long seed) {
        return new State(Vectors.copy(x0), sampling.sampler(objective.sampleCount(), RandomStreams.stream(seed, BATCHES)),
                RandomStreams.stream(seed, NOISE));
    }

    @Override
    public void save(State s, DataOutput out) throws IOException {
        Snapshots.writeTensor(out, s.x());
        s.sampler.save(out);
        Snapshots.writeRng(out, s.noiseStream);
    }

    @Override
    public void load(State s, DataInput in) throws IOException {
        Snapshots.readTensorInto(in, s.x());
        s.sampler.load(in);
        Snapshots.readRng(in, s.noiseStream);
    }

    @Override
    public void step(State s, int k, int total) {
        double dt = eta / substeps;
        int n = objective.sampleCount();
        boolean shared = noise instanceof NoiseSpec.PerSample && fullBatchDrift() && sampling.covarianceFactor(n) > 0;
        for (int i = 0; i < substeps; i++) {
            Tensor b;
            Tensor xi;
            if (shared) {
                // the drift is the full-batch increment, which is ā of the per-sample noise: one pass for both
                Tensor g = objective.gradient(s.x(), Batch.all()).gradientCoefficients();
                b = incrementFrom(s.x(), g, Batch.all());
                xi = perSample(s.x(), Vectors.normals(s.gauss, new double[n]), g, kind == SdeKind.SGD2 ? g : b);
                if (b != g) {
                    g.close();
                }
            } else {
                b = drift(s, s.x());
                xi = noise(s, s.x(), b);
            }
            if (xi != null) {
                Vectors.scale(Math.sqrt(eta * dt), xi);
            }
            EulerMaruyama.advance(s.x(), b, dt, xi);
            if (xi != null) {
                xi.close();
            }
            b.close();
        }
    }

    // ------------------------------------------------------------------ the model's pieces

    /**
     * The direction v(g) the increment is expanded along: (η/2)g for sgd2, ρg for usam,
     * ρg/‖g‖ for sam2 and sam3 (0 at g = 0); null for sgd1.
     *
     * @param g a gradient; not modified
     * @return a new tensor, or null
     */
    public Tensor direction(Tensor g) {
        double scale = switch (kind) {
            case SGD1 -> Double.NaN;
            case SGD2 -> eta / 2;
            case USAM -> rho;
            case SAM2, SAM3 -> {
                double gn = Vectors.norm(g);
                yield gn > 0 ? rho / gn : 0.0;
            }
        };
        if (Double.isNaN(scale)) {
            return null;
        }
        Tensor v = Vectors.copy(g);
        Vectors.scale(scale, v);
        return v;
    }

    /**
     * G_γ(x) = Σ_{k≤K} c_k(x; v(g_γ); γ), the model's increment on one batch: g_γ for sgd1,
     * ∇f_γ(x + v) truncated after the t^K term otherwise.
     *
     * @param x the point; not modified
     * @param batch γ
     * @return a new tensor
     */
    public Tensor increment(Tensor x, Batch batch) {
        Tensor g = objective.gradient(x, batch).gradientCoefficients();
        Tensor out = incrementFrom(x, g, batch);
        if (out != g) {
            g.close();
        }
        return out;
    }

    /** G_γ(x) given g_γ(x); returns g itself for sgd1, a new tensor otherwise. */
    private Tensor incrementFrom(Tensor x, Tensor g, Batch batch) {
        Tensor v = direction(g);
        if (v == null) {
            return g;
        }
        Tensor out = expansion(x, v, kind.order(), batch);
        v.close();
        return out;
    }

    /** Whether {@link #drift} is the full-batch increment (sgd1, sgd2, plugin, or B = n). */
    private boolean fullBatchDrift() {
        return !kind.batchDirection() || drift instanceof DriftEstimator.Plugin || sampling.isFull(objective.sampleCount());
    }

    /** Σ_{k≤K} c_k of one Taylor pass along v. */
    private Tensor expansion(Tensor x, Tensor v, int order, Batch batch) {
        TaylorResult r = objective.taylor(x, v, order, batch);
        Tensor c = r.gradientCoefficients();
        Tensor out = x.backend().zeros(x.size());
        for (int k = 0; k <= order; k++) {
            Vectors.addBlock(1.0, c, r.offset(k, 0), out);
        }
        c.close();
        return out;
    }

    /**
     * The drift b(x) = E_γ[G_γ(x)] as the estimator evaluates it (sgd1 and sgd2 always exactly).
     *
     * @param s the trajectory (its batch stream serves {@code mc:M}); modified
     * @param x the point; not modified
     * @return a new tensor
     */
    public Tensor drift(State s, Tensor x) {
        int n = objective.sampleCount();
        if (fullBatchDrift()) {
            return increment(x, Batch.all());
        }
        Tensor sum = x.backend().zeros(x.size());
        int count = 0;
        if (drift instanceof DriftEstimator.MonteCarlo mc) {
            for (; count < mc.batches(); count++) {
                addTo(sum, increment(x, s.sampler.next()));
            }
        } else {
            int b = sampling.size(n);
            int[] comb = new int[b];
            for (int i = 0; i < b; i++) {
                comb[i] = i;
            }
            do {
                addTo(sum, increment(x, Batch.of(comb)));
                count++;
            } while (nextCombination(comb, n));
        }
        Vectors.scale(1.0 / count, sum);
        return sum;
    }

    private static void addTo(Tensor sum, Tensor t) {
        Vectors.axpy(1.0, t, sum);
        t.close();
    }

    /** Advances a strictly increasing combination of 0…n−1 in lexicographic order; false after the last. */
    private static boolean nextCombination(int[] c, int n) {
        int b = c.length;
        int i = b - 1;
        while (i >= 0 && c[i] == n - b + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        c[i]++;
        for (int j = i + 1; j < b; j++) {
            c[j] = c[j - 1] + 1;
        }
        return true;
    }

    /**
     * One draw of ξ′ with covariance Σ̃(x), or null when the model has no noise here (full batch,
     * {@code none}, σ = 0).
     *
     * @param s the trajectory (its streams); modified
     * @param x the point; not modified
     * @param b the drift at x, as evaluated (used by {@code resample}); not modified
     * @return a new tensor or null
     */
    public Tensor noise(State s, Tensor x, Tensor b) {
        int n = objective.sampleCount();
        Backend be = x.backend();
        if (noise instanceof NoiseSpec.None) {
            return null;
        }
        if (noise instanceof NoiseSpec.Isotropic iso) {
            if (iso.sigma() == 0) {
                return null;
            }
            Tensor z = be.upload(Vectors.normals(s.gauss, new double[x.size()]), x.size());
            Vectors.scale(iso.sigma(), z);
            return z;
        }
        double cb = sampling.covarianceFactor(n);
        if (cb == 0) {
            return null;
        }
        if (noise instanceof NoiseSpec.Resample) {
            Tensor xi = noiseIncrement(x, s.sampler.next());
            Vectors.axpy(-1.0, b, xi);
            return xi;
        }
        if (noise instanceof NoiseSpec.BatchMc mc) {
            int m = mc.batches();
            Tensor weighted = be.zeros(x.size());
            Tensor mean = be.zeros(x.size());
            double zsum = 0;
            for (int j = 0; j < m; j++) {
                Tensor gj = noiseIncrement(x, s.sampler.next());
                double z = s.gauss.sample();
                zsum += z;
                Vectors.axpy(z, gj, weighted);
                Vectors.axpy(1.0 / m, gj, mean);
                gj.close();
            }
            Vectors.axpy(-zsum, mean, weighted);
            Vectors.scale(1.0 / Math.sqrt(m - 1), weighted);
            mean.close();
            return weighted;
        }
        return perSample(x, Vectors.normals(s.gauss, new double[n]));
    }

    /** The increment whose covariance the noise carries: sgd2's noise is that of g_γ. */
    private Tensor noiseIncrement(Tensor x, Batch batch) {
        return kind == SdeKind.SGD2 ? objective.gradient(x, batch).gradientCoefficients() : increment(x, batch);
    }

    /**
     * The per-sample draw for given weights z: ξ′ = √(c_B/n)·[n·W − (Σz)·ā + H′·J(n·W_g − (Σz)·g)]
     * with W = (1/n)Σᵢ zᵢ·Σ_k c_k,ᵢ and W_g = (1/n)Σᵢ zᵢgᵢ (see {@link NoiseSpec.PerSample}). Linear in
     * z, so ξ′(e₁)…ξ′(e_n) are the columns of the noise factor: tests use it to check the
     * covariance exactly.
     *
     * @param x the point; not modified
     * @param z the n standard normal weights; not modified
     * @return a new tensor
     */
    Tensor perSample(Tensor x, double[] z) {
        Tensor g = objective.gradient(x, Batch.all()).gradientCoefficients();
        Tensor abar = kind == SdeKind.SGD2 ? g : incrementFrom(x, g, Batch.all());
        Tensor xi = perSample(x, z, g, abar);
        if (abar != g) {
            abar.close();
        }
        g.close();
        return xi;
    }

    /**
     * The per-sample draw given the full-batch gradient g and the mean increment ā (g for sgd1
     * and sgd2, the full-batch increment otherwise).
     */
    private Tensor perSample(Tensor x, double[] z, Tensor g, Tensor abar) {
        int n = objective.sampleCount();
        double cb = sampling.covarianceFactor(n);
        double zsum = 0;
        for (double zi : z) {
            zsum += zi;
        }
        Batch weighted = Batch.all().withWeights(z);
        Tensor v = kind == SdeKind.SGD2 ? null : direction(g);
        Tensor xi;
        if (v == null) {
            // a_i = g_i
            xi = objective.gradient(x, weighted).gradientCoefficients();
            Vectors.scale(n, xi);
            Vectors.axpy(-zsum, abar, xi);
        } else {
            int order = kind.order();
            TaylorResult rw = objective.taylor(x, v, order, weighted);
            Tensor cw = rw.gradientCoefficients();
            xi = x.backend().zeros(x.size());
            for (int k = 0; k <= order; k++) {
                Vectors.addBlock(n, cw, rw.offset(k, 0), xi);
            }
            Vectors.axpy(-zsum, abar, xi);
            // fluctuation of the direction: u = J·(Σ z_i (g_i − g))
            Tensor u = x.backend().zeros(x.size());
            Vectors.addBlock(n, cw, rw.offset(0, 0), u);
            Vectors.axpy(-zsum, g, u);
            cw.close();
            if (jacobian(g, u)) {
                Tensor point = x;
                if (kind == SdeKind.SAM3) {
                    point = Vectors.copy(x);
                    Vectors.axpy(1.0, v, point);
                }
                TaylorResult rh = objective.taylor(point, u, 1, Batch.all());
                Vectors.addBlock(1.0, rh.gradientCoefficients(), rh.offset(1, 0), xi);
                rh.gradientCoefficients().close();
                if (point != x) {
                    point.close();
                }
            }
            u.close();
            v.close();
        }
        Vectors.scale(Math.sqrt(cb / n), xi);
        return xi;
    }

    /**
     * w ← J·w, the derivative of the direction map v(g) applied to w: ρw for usam,
     * ρ(w − ⟨n, w⟩n)/‖g‖ for sam2/sam3.
     *
     * @return false when J·w is zero (g = 0 or ρ = 0)
     */
    private boolean jacobian(Tensor g, Tensor w) {
        if (rho == 0) {
            return false;
        }
        if (kind == SdeKind.USAM) {
            Vectors.scale(rho, w);
            return true;
        }
        double gn = Vectors.norm(g);
        if (gn == 0) {
            return false;
        }
        double c = Vectors.dot(g, w) / (gn * gn);
        Vectors.axpy(-c, g, w);
        Vectors.scale(rho / gn, w);
        return true;
    }
}
