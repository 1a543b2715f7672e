package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;

/**
 * The eigenvalue density of a symmetric operator by stochastic Lanczos quadrature (SLQ; Lin, Saad
 * &amp; Yang 2016; Ghorbani, Krishnan &amp; Xiao 2019, "An Investigation into Neural Net
 * Optimization via Hessian Eigenvalue Density"), with PyHessian's defaults.
 *
 * <p><b>Formula.</b> The spectral density φ(t) = (1/d)·Σᵢ δ(t − λᵢ) is smoothed by a Gaussian
 * kernel g_σ(t) = exp(−t²/(2σ²))/√(2πσ²). For a unit probe v = z/‖z‖ with E[zzᵀ] = I,
 * E[vᵀ f(H) v] = (1/d)·tr f(H) = ∫ f dφ, and Lanczos run m steps from v gives the Gauss quadrature
 * vᵀ f(H) v ≈ Σ_{j&lt;m} τ_j f(θ_j), exact for polynomials of degree up to 2m − 1, with nodes
 * θ_j the eigenvalues of T_m and weights τ_j = (first component of the j-th eigenvector of T_m)².
 * Averaging over P probes:
 * <pre>  φ_σ(t) ≈ (1/P)·Σ_p Σ_j τ_j^{(p)}·g_σ(t − θ_j^{(p)}).</pre>
 * It is evaluated on {@link #gridPoints()} equally spaced points over
 * [min θ − pad, max θ + pad] (all probes' nodes) and normalised so that its trapezoid integral is 1;
 * the integral before normalisation is kept as {@link DensityEstimate#rawMass()} (1 less the kernel tails
 * beyond the grid).
 *
 * <p><b>Defaults (PyHessian's {@code density} and {@code density_generate}).</b> m = 100 Lanczos
 * steps (capped at d), one probe, Rademacher probes, σ² = 10⁻⁵·max(1, θ_max − θ_min),
 * 10,000 grid points, pad = 0.01. Differences from PyHessian: the grid spans the extreme nodes of
 * all probes (PyHessian averages each probe's extremes), normalisation is by the trapezoid rule
 * (PyHessian: rectangle sum), and a breakdown of the recurrence restarts it with a random vector
 * orthogonal to the basis, whose nodes then carry zero weight, so every probe has exactly m nodes.
 *
 * <p><b>Method properties.</b> Cost: P·m operator applications; host memory m·d doubles; work
 * O(P·m·gridPoints) for the kernel sums. Deterministic for a given seed.
 *
 * @param steps m, Lanczos steps per probe, ≥ 1 (capped at d)
 * @param probes P, independent probe vectors, ≥ 1
 * @param probe the probe distribution
 * @param gridPoints points of the density grid, ≥ 2
 * @param varianceFactor c in σ² = c·max(1, θ_max − θ_min), &gt; 0
 * @param padding pad, the grid margin beyond the extreme nodes, ≥ 0
 * @param seed the seed of the probes (and of restart vectors)
 */
public record SpectralDensity(int steps, int probes, Probe probe, int gridPoints, double varianceFactor, double padding,
                              long seed) {
    /** PyHessian's number of Lanczos steps. */
    public static final int DEFAULT_STEPS = 100;
    /** PyHessian's number of grid points. */
    public static final int DEFAULT_GRID_POINTS = 10_000;
    /** PyHessian's kernel variance factor. */
    public static final double DEFAULT_VARIANCE_FACTOR = 1e-5;
    /** PyHessian's grid margin ({@code overhead}). */
    public static final double DEFAULT_PADDING = 0.01;

    /**
     * Validates the options.
     *
     * @param steps m, Lanczos steps per probe, ≥ 1 (capped at d)
     * @param probes P, independent probe vectors, ≥ 1
     * @param probe the probe distribution
     * @param gridPoints points of the density grid, ≥ 2
     * @param varianceFactor c in σ² = c·max(1, θ_max − θ_min), &gt; 0
     * @param padding pad, the grid margin beyond the extreme nodes, ≥ 0
     * @param seed the seed of the probes (and of restart vectors)
     */
    public SpectralDensity {
        if (steps < 1) {
            throw new InvalidInputException("SLQ needs at least 1 Lanczos step, got " + steps);
        }
        if (probes < 1) {
            throw new InvalidInputException("SLQ needs at least 1 probe, got " + probes);
        }
        java.util.Objects.requireNonNull(probe, "probe");
        if (gridPoints < 2) {
            throw new InvalidInputException("SLQ density grid needs at least 2 points, got " + gridPoints);
        }
        if (!(varianceFactor > 0) || !Double.isFinite(varianceFactor)) {
            throw new InvalidInputException("SLQ kernel variance factor must be positive, got " + varianceFactor);
        }
        if (!(padding >= 0) || !Double.isFinite(padding)) {
            throw new InvalidInputException("SLQ grid padding must be >= 0, got " + padding);
        }
    }

    /** @return PyHessian's defaults with one Rademacher probe and seed 0 */
    public static SpectralDensity defaults() {
        return new SpectralDensity(DEFAULT_STEPS, 1, Probe.RADEMACHER, DEFAULT_GRID_POINTS, DEFAULT_VARIANCE_FACTOR,
                DEFAULT_PADDING, 0);
    }

    /**
     * @param m Lanczos steps per probe
     * @return a copy with that many steps
     */
    public SpectralDensity withSteps(int m) {
        return new SpectralDensity(m, probes, probe, gridPoints, varianceFactor, padding, seed);
    }

    /**
     * @param p the number of probes
     * @param kind their distribution
     * @return a copy with those probes
     */
    public SpectralDensity withProbes(int p, Probe kind) {
        return new SpectralDensity(steps, p, kind, gridPoints, varianceFactor, padding, seed);
    }

    /**
     * @param s the seed
     * @return a copy with that seed
     */
    public SpectralDensity withSeed(long s) {
        return new SpectralDensity(steps, probes, probe, gridPoints, varianceFactor, padding, s);
    }

    /**
     * Runs P probes of m Lanczos steps and evaluates the smoothed density.
     *
     * @param h the operator
     * @return the grid, the density and the raw quadrature nodes and weights
     */
    public DensityEstimate compute(SymmetricOperator h) {
        int d = h.dimension();
        int m = Math.min(steps, d);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long before = h.applications();
        double[] nodes = new double[probes * m];
        double[] weights = new double[probes * m];
        double[] z = new double[d];
        for (int p = 0; p < probes; p++) {
            probe.fill(rng, z, 0, d);
            LanczosProcess lp = new LanczosProcess(h, m, z, rng);
            while (lp.canStep()) {
                if (lp.step() && lp.steps() < m) {
                    lp.restart();
                }
            }
            TridiagonalEigen eig = lp.decompose();
            for (int j = 0; j < lp.steps(); j++) {
                nodes[p * m + j] = eig.values()[j];
                weights[p * m + j] = eig.component(0, j) * eig.component(0, j);
            }
            if (lp.steps() != m) {
                throw new ArithmeticException("SLQ probe " + p + " stopped after " + lp.steps() + " of " + m + " steps");
            }
        }
        long hvps = h.applications() - before;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double t : nodes) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        double variance = varianceFactor * Math.max(1.0, hi - lo);
        double[] grid = new double[gridPoints];
        double a = lo - padding;
        double b = hi + padding;
        if (b == a) {
            // a single node with no padding: give the grid the kernel's width
            a -= 5 * Math.sqrt(variance);
            b += 5 * Math.sqrt(variance);
        }
        for (int i = 0; i < gridPoints; i++) {
            grid[i] = a + (b - a) * i / (gridPoints - 1);
        }
        double[] density = new double[gridPoints];
        double norm = 1.0 / Math.sqrt(2 * Math.PI * variance);
        for (int i = 0; i < gridPoints; i++) {
            double s = 0;
            for (int j = 0; j < nodes.length; j++) {
                double u = grid[i] - nodes[j];
                s += weights[j] * norm * Math.exp(-u * u / (2 * variance));
            }
            density[i] = s / probes;
        }
        double integral = 0;
        for (int i = 0; i + 1 < gridPoints; i++) {
            integral += 0.5 * (density[i] + density[i + 1]) * (grid[i + 1] - grid[i]);
        }
        if (!(integral > 0)) {
            throw new ArithmeticException("SLQ density vanishes on its grid (integral " + integral + ")");
        }
        for (int i = 0; i < gridPoints; i++) {
            density[i] /= integral;
        }
        return new DensityEstimate(grid, density, probes, m, nodes, weights, variance, hvps, integral);
    }
}
