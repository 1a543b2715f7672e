package org.samsde.sde.run;

import org.samsde.core.hessian.EigenResult;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.hessian.Which;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;

/**
 * Measures the metrics of a {@link Record} at the current state of a trajectory.
 *
 * <p>λ_max comes from Lanczos (top eigenpair, relative residual tolerance {@code tolerance}) on
 * the evaluation subset, warm-started from the previous record's eigenvector, so a record costs a
 * few HVPs once the trajectory settles. Not thread-safe: one per trajectory.
 */
public final class Recorder {
    /** Fresh batches the noise ratio of a record is estimated from. */
    public static final int PROBE_BATCHES = 8;
    /** Stream purposes below the recorder's seed (then the step): noise-ratio and drift-bias batches. */
    private static final long PROBES = 1;
    private static final long BIAS = 2;

    private final Problem problem;
    private final Dynamics<?> dynamics;
    private final boolean hessian;
    private final long seed;
    private final Lanczos lanczos;
    private double[] topVector;

    /**
     * A recorder as an ensemble makes one: λ_max and the alignments measured when the settings ask
     * for them, to their Lanczos tolerance.
     *
     * @param problem the problem
     * @param dynamics the method whose trajectory is recorded
     * @param settings the ensemble settings (whether and how precisely to measure λ_max)
     * @param seed the seed of Lanczos's first start vector and of the records' fresh batches
     * @return the recorder
     */
    public static Recorder of(Problem problem, Dynamics<?> dynamics, Ensemble.Settings settings, long seed) {
        return new Recorder(problem, dynamics, settings.hessian(), settings.hessianTolerance(), seed);
    }

    /**
     * @param problem the problem
     * @param dynamics the method whose trajectory is recorded (its sampling gives the noise ratio)
     * @param hessian whether to measure λ_max and the alignments (they cost HVPs)
     * @param tolerance Lanczos's relative residual tolerance for λ_max
     * @param seed the seed of Lanczos's first start vector and of the records' fresh batches
     */
    Recorder(Problem problem, Dynamics<?> dynamics, boolean hessian, double tolerance, long seed) {
        this.problem = problem;
        this.dynamics = dynamics;
        this.seed = seed;
        this.hessian = hessian;
        this.lanczos = Lanczos.defaults().withTolerance(tolerance).withMaxIterations(Math.min(problem.dimension(), 100))
                .withSeed(seed);
    }

    /**
     * @param state the trajectory; not modified
     * @param step k
     * @param time k·η
     * @param seconds wall time so far
     * @return the record
     */
    public Record record(Dynamics.State state, int step, double time, double seconds) {
        Tensor x = state.x();
        Objective train = problem.train();
        // the gradient pass runs the forward sweep of an evaluation, so its loss is the train loss
        TaylorResult full = train.gradient(x, Batch.all());
        double trainLoss = full.loss();
        Tensor g = full.gradientCoefficients();
        Objective.Evaluation te = problem.test() == null ? null : problem.test().evaluate(x, Batch.all());
        double gradNorm = Vectors.norm(g);
        double lambda = Double.NaN;
        double align = Double.NaN;
        double alignSq = Double.NaN;
        double residual = Double.NaN;
        if (hessian) {
            double[] xh = x.toArray();
            EigenResult top = lanczos.compute(HessianOperator.of(train, xh, problem.hessianBatch()), 1, Which.TOP, topVector);
            lambda = top.eigenvalue(0);
            residual = top.residual(0) / Math.max(Math.abs(lambda), Double.MIN_NORMAL);
            topVector = top.eigenvectors();
            Tensor v1 = x.backend().upload(topVector, topVector.length);
            Tensor eps = state.perturbation();
            align = cosine(eps != null ? eps : g, v1);
            double c = cosine(g, v1);
            alignSq = c * c;
            v1.close();
        }
        double ratio = noiseRatio(x, gradNorm, step);
        double bias = dynamics.driftBias(x, RandomStreams.key(seed, BIAS, step));
        g.close();
        return new Record(step, time, trainLoss, te == null ? Double.NaN : te.loss(), te == null ? Double.NaN : te.accuracy(),
                Vectors.norm(x), gradNorm, lambda, align, alignSq, ratio, bias, seconds, false, residual);
    }

    /**
     * r = √tr Σ_B/‖g‖ with tr Σ_B estimated without bias by the spread Σⱼ‖g_γⱼ − ḡ‖²/(M − 1) of
     * M = {@link #PROBE_BATCHES} fresh batch gradients, drawn as the method draws its batches from a
     * stream of this record's own (so records do not disturb the trajectory and resume bitwise).
     *
     * @return r, or NaN for full-batch methods or at g = 0
     */
    private double noiseRatio(Tensor x, double gradNorm, int step) {
        Objective train = problem.train();
        int n = train.sampleCount();
        if (dynamics.sampling().covarianceFactor(n) == 0 || gradNorm == 0) {
            return Double.NaN;
        }
        Sampling.Sampler probes = dynamics.sampling().sampler(n, RandomStreams.stream(seed, PROBES, step));
        Tensor mean = x.backend().zeros(x.size());
        Tensor[] gs = new Tensor[PROBE_BATCHES];
        for (int j = 0; j < PROBE_BATCHES; j++) {
            gs[j] = train.gradient(x, probes.next()).gradientCoefficients();
            Vectors.axpy(1.0 / PROBE_BATCHES, gs[j], mean);
        }
        double spread = 0;
        for (Tensor gj : gs) {
            Vectors.axpy(-1.0, mean, gj);
            spread += Vectors.dot(gj, gj);
            gj.close();
        }
        mean.close();
        return Math.sqrt(spread / (PROBE_BATCHES - 1)) / gradNorm;
    }

    /**
     * Writes the warm start of λ_max, which later records depend on.
     *
     * @param out the stream
     * @throws java.io.IOException on write failure
     */
    public void save(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(topVector == null ? -1 : topVector.length);
        if (topVector != null) {
            for (double v : topVector) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * Restores what {@link #save} wrote.
     *
     * @param in the stream
     * @throws java.io.IOException when it does not fit
     */
    public void load(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        if (n != -1 && n != problem.dimension()) {
            throw new java.io.IOException("checkpoint holds an eigenvector of " + n + " values, expected " + problem.dimension());
        }
        topVector = n == -1 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            topVector[i] = in.readDouble();
        }
    }

    /** |cos(a, b)|, 0 when either is zero (never NaN). */
    static double cosine(Tensor a, Tensor b) {
        double na = Vectors.norm(a);
        double nb = Vectors.norm(b);
        return na == 0 || nb == 0 ? 0.0 : Math.abs(Vectors.dot(a, b)) / (na * nb);
    }
}
