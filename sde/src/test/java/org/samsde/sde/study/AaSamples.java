package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Record;

/**
 * A/A samples for the calibration of gap verdicts: pairs of ensembles that follow the same
 * dynamics, so that every true gap is 0, optionally with a known gap injected into one observable
 * of the candidate.
 *
 * <ul>
 *   <li>{@link #ensembles}: real trajectories, mini-batch SAM (batch 8, η = 0.3, ρ = 0.05) on a
 *       tiny tanh MLP (2-4-3) on 48 Gaussian blob samples, through {@link Ensemble#run}, the two
 *       ensembles of a pair with different seeds;</li>
 *   <li>{@link #ar1}: simulated records, per seed a random offset plus an AR(1) process in time
 *       (lag-one correlation {@link #PHI}), the strong within-seed correlation in time that real
 *       trajectories show; paired (the ensembles share each seed's offset and seed values) or not.</li>
 * </ul>
 */
final class AaSamples {
    /** Seeds per ensemble. */
    static final int SEEDS = 8;
    /** Steps of the real ensembles, recorded every {@link #EVERY}: 20 records after step 0. */
    static final int STEPS = 40;
    /** Recording interval of the real ensembles. */
    static final int EVERY = 2;
    /** Records after step 0 of the simulated ensembles. */
    static final int RECORDS = 20;
    /** The observables of the family. */
    static final List<String> OBSERVABLES = List.of("train_loss", "test_loss", "grad_norm", "norm");
    /** Lag-one correlation in time of the simulated records. */
    static final double PHI = 0.9;

    private static final Split DATA = DataFiles.resolve("blobs:k=3,n=48,d=2,test=24,seed=2");
    private static final ModelSpec.Model MODEL = ModelSpec.parse("mlp:2-4-3:tanh").build(DATA.train(), CpuBackend.get());
    private static final Problem PROBLEM = new Problem("calibration", MODEL.objective(), MODEL.on(DATA.test()), Batch.all(),
            MODEL.initialParameters(0));
    private static final Optimizer SAM = Optimizer.builder(PROBLEM.train(), Sam.INSTANCE).rho(0.05).eta(0.3)
            .sampling(new Sampling(8, false)).build();

    private AaSamples() {
    }

    /** A reference and a candidate ensemble. */
    record Pair(List<Ensemble.Trajectory> reference, List<Ensemble.Trajectory> candidate) {
        /** @return the pair with c added to the observable in every record of the candidate */
        Pair inject(String observable, double c) {
            int column = Record.METRICS.indexOf(observable);
            List<Ensemble.Trajectory> shifted = new ArrayList<>();
            for (Ensemble.Trajectory t : candidate) {
                List<Record> rs = new ArrayList<>();
                for (Record r : t.records()) {
                    double[] m = r.metrics();
                    m[column] += c;
                    rs.add(Record.of(r.step(), r.time(), m, r.seconds(), r.diverged(), r.lambdaResidual()));
                }
                shifted.add(new Ensemble.Trajectory(t.method(), t.seedIndex(), t.seed(), rs, t.finalParameters(), t.diverged(), t.seconds()));
            }
            return new Pair(reference, shifted);
        }
    }

    /**
     * Pairs of ensembles of the same SAM dynamics, λ_max not measured. All trajectories come from
     * one {@link Ensemble#run} of 2·{@link #SEEDS}·repeats seeds (one run, rather than one per
     * ensemble, saves the per-run set-up that would dominate at this size): pair r takes seeds
     * 2r·S … (2r+1)·S − 1 as its reference and the next S as its candidate. Every trajectory has a
     * seed of its own, so the two ensembles of a pair share no seed, as with different master seeds.
     *
     * @param repeats the number of pairs
     * @param master the master seed
     * @param threads worker threads
     * @return the pairs
     */
    static List<Pair> ensembles(int repeats, long master, int threads) {
        Ensemble.Settings s = Ensemble.Settings.builder().steps(STEPS).every(EVERY).seeds(2 * SEEDS * repeats).masterSeed(master)
                .threads(threads).hessian(false).build();
        List<Ensemble.Trajectory> all = Ensemble.run(PROBLEM, List.of(SAM), s, n -> { });
        List<Pair> pairs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            pairs.add(new Pair(all.subList(2 * r * SEEDS, (2 * r + 1) * SEEDS), all.subList((2 * r + 1) * SEEDS, (2 * r + 2) * SEEDS)));
        }
        return pairs;
    }

    /**
     * Simulated records of observable o at record k ≥ 1 of seed s: μ_o(k) + u_s + e_k with
     * μ_o(k) = a_o·exp(−k/8) a decaying curve, u_s ~ N(0, τ_o²) the seed's offset and
     * e_k = φ·e_{k−1} + √(1 − φ²)·σ_o·z_k a stationary AR(1) process (e_0 ~ N(0, σ_o²)). Step 0
     * holds μ_o(0) for every seed, as every method starts at the same point.
     *
     * @param repeat the repeat's index (the random stream)
     * @param paired whether the two ensembles share the seeds' offsets and seed values (then the
     *     offsets cancel in per-seed differences), or draw their own (different seed values)
     * @return a reference and a candidate ensemble of {@link #SEEDS} seeds and {@link #RECORDS} records after step 0
     */
    static Pair ar1(int repeat, boolean paired) {
        UniformRandomProvider rng = RandomStreams.stream(RandomStreams.key(20240611L, paired ? 1 : 0), repeat);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = OBSERVABLES.size();
        double[] amplitude = {1.0, 1.2, 0.5, 3.0};
        double[] tau = {0.05, 0.08, 0.03, 0.2};
        double[] sigma = {0.02, 0.03, 0.05, 0.01};
        double[][] offsets = new double[SEEDS][n];
        for (double[] o : offsets) {
            for (int i = 0; i < n; i++) {
                o[i] = tau[i] * z.sample();
            }
        }
        List<List<Ensemble.Trajectory>> both = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            List<Ensemble.Trajectory> ensemble = new ArrayList<>();
            for (int s = 0; s < SEEDS; s++) {
                double[] u = new double[n];
                double[] noise = new double[n];
                for (int i = 0; i < n; i++) {
                    u[i] = paired ? offsets[s][i] : tau[i] * z.sample();
                    noise[i] = sigma[i] * z.sample();
                }
                List<Record> records = new ArrayList<>();
                for (int k = 0; k <= RECORDS; k++) {
                    double[] m = new double[Record.METRICS.size()];
                    java.util.Arrays.fill(m, Double.NaN);
                    for (int i = 0; i < n; i++) {
                        double mu = amplitude[i] * Math.exp(-k / 8.0);
                        if (k > 0) {
                            noise[i] = PHI * noise[i] + Math.sqrt(1 - PHI * PHI) * sigma[i] * z.sample();
                        }
                        m[Record.METRICS.indexOf(OBSERVABLES.get(i))] = k == 0 ? mu : mu + u[i] + noise[i];
                    }
                    records.add(Record.of(k, k, m, 0, false, Double.NaN));
                }
                long seed = paired ? s : 1000L * (e + 1) + s;
                ensemble.add(new Ensemble.Trajectory(e == 0 ? "reference" : "candidate", s, seed, records, new double[0], false, 0));
            }
            both.add(ensemble);
        }
        return new Pair(both.get(0), both.get(1));
    }
}
