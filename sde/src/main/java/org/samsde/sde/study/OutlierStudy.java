package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.samsde.core.data.Blobs;
import org.samsde.core.data.Split;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.FullSpectrum;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Outliers;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.optim.Sgd;
import org.samsde.sde.optim.Optimizer;

/**
 * The bulk-and-outliers picture of Sagun et al. (2017): for each number of classes k, a small MLP
 * trained by full-batch gradient descent on k-class Gaussian blobs, the whole spectrum of its
 * training-loss Hessian, and the number of eigenvalues that stand apart from the bulk near zero.
 *
 * <p>Outlier count: the rule of {@link Outliers} (the widest ratio gap among the top
 * {@code maxOutliers} eigenvalues, gaps inside the bulk excluded).
 *
 * @param ks the class counts
 * @param perClass training samples per class
 * @param features input dimension of the blobs
 * @param hidden the hidden widths of the MLP
 * @param activation its activation
 * @param separation the blobs' centre scale
 * @param steps gradient-descent steps
 * @param eta the learning rate
 * @param maxOutliers the largest outlier count the rule considers
 * @param seed seeds the data and the initialisation
 * @param backend where it runs
 */
public record OutlierStudy(int[] ks, int perClass, int features, int[] hidden, Activation activation, double separation,
                           int steps, double eta, int maxOutliers, long seed, Backend backend) {

    /**
     * Validates the settings.
     *
     * @param ks the class counts
     * @param perClass training samples per class
     * @param features input dimension of the blobs
     * @param hidden the hidden widths of the MLP
     * @param activation its activation
     * @param separation the blobs' centre scale
     * @param steps gradient-descent steps
     * @param eta the learning rate
     * @param maxOutliers the largest outlier count the rule considers
     * @param seed seeds the data and the initialisation
     * @param backend where it runs
     */
    public OutlierStudy {
        if (ks.length == 0 || perClass < 1 || features < 1 || steps < 0 || !(eta > 0) || maxOutliers < 1 || !(separation > 0)) {
            throw new IllegalArgumentException("outlier study: class counts, samples, features, steps >= 0, eta > 0 and maxOutliers are required");
        }
        for (int k : ks) {
            if (k < 2) {
                throw new IllegalArgumentException("class counts must be at least 2, got " + k);
            }
        }
        ks = ks.clone();
        hidden = hidden.clone();
    }

    /**
     * The study with the command line's defaults.
     *
     * @param backend where it runs
     * @return a builder with the defaults: ks = new int[] {2, 3, 4, 5, 6, 8}, perClass = 64, features = 10, hidden
     *     = new int[] {16, 16}, activation = Activation.TANH, separation = 3.0, steps = 3000, eta = 0.2,
     *     maxOutliers = 20, seed = 0
     */
    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    /** Options of a {@link OutlierStudy}, with defaults. */
    public static final class Builder {
        private final Backend backend;
        private int[] ks = new int[] {2, 3, 4, 5, 6, 8};
        private int perClass = 64;
        private int features = 10;
        private int[] hidden = new int[] {16, 16};
        private Activation activation = Activation.TANH;
        private double separation = 3.0;
        private int steps = 3000;
        private double eta = 0.2;
        private int maxOutliers = 20;
        private long seed = 0;

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /**
         * @param v the class counts
         * @return this
         */
        public Builder ks(int[] v) {
            ks = v;
            return this;
        }

        /**
         * @param v training samples per class
         * @return this
         */
        public Builder perClass(int v) {
            perClass = v;
            return this;
        }

        /**
         * @param v input dimension of the blobs
         * @return this
         */
        public Builder features(int v) {
            features = v;
            return this;
        }

        /**
         * @param v the hidden widths of the MLP
         * @return this
         */
        public Builder hidden(int[] v) {
            hidden = v;
            return this;
        }

        /**
         * @param v its activation
         * @return this
         */
        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        /**
         * @param v the blobs' centre scale
         * @return this
         */
        public Builder separation(double v) {
            separation = v;
            return this;
        }

        /**
         * @param v gradient-descent steps
         * @return this
         */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /**
         * @param v the learning rate
         * @return this
         */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /**
         * @param v the largest outlier count the rule considers
         * @return this
         */
        public Builder maxOutliers(int v) {
            maxOutliers = v;
            return this;
        }

        /**
         * @param v seeds the data and the initialisation
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @return the study
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public OutlierStudy build() {
            return new OutlierStudy(ks, perClass, features, hidden, activation, separation, steps, eta, maxOutliers, seed, backend);
        }
    }

    /**
     * The spectrum for one k.
     *
     * @param classes k
     * @param dimension d
     * @param trainLoss the final training loss
     * @param trainAccuracy the final training accuracy
     * @param eigenvalues all eigenvalues, descending
     * @param outliers the outlier count by the stated rule
     * @param gap the ratio at the outlier boundary
     */
    public record Spectrum(int classes, int dimension, double trainLoss, double trainAccuracy, double[] eigenvalues,
                           int outliers, double gap) {
    }

    /** @return one spectrum per k, in the order given */
    public List<Spectrum> run() {
        return run(k -> { });
    }

    /** @return the gradient-descent steps of all k together, (number of k)·steps */
    public long totalSteps() {
        return (long) ks.length * steps;
    }

    /**
     * @param progress receives the gradient-descent steps done, as they are done; {@link #totalSteps()} in all
     * @return one spectrum per k, in the order given
     */
    public List<Spectrum> run(LongConsumer progress) {
        List<Spectrum> out = new ArrayList<>();
        for (int k : ks) {
            out.add(spectrum(k, progress));
        }
        return out;
    }

    private Spectrum spectrum(int k, LongConsumer progress) {
        Split split = new Blobs(k, k * perClass, features, separation, 1.0, 0, seed + k).generate();
        int[] widths = new int[hidden.length + 2];
        widths[0] = features;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = k;
        Mlp mlp = new Mlp(widths, activation, Loss.CROSS_ENTROPY);
        MlpObjective objective = new MlpObjective(mlp, split.train(), backend);
        Optimizer gd = Optimizer.builder(objective, Sgd.INSTANCE).eta(eta).build();
        Tensor x0 = backend.upload(mlp.initialParameters(seed), mlp.dimension());
        Optimizer.State state = gd.init(x0, seed);
        for (int i = 0; i < steps; i++) {
            gd.step(state, i, steps);
            progress.accept(1);
        }
        var eval = objective.evaluate(state.x(), Batch.all());
        FullSpectrum spectrum = FullHessian.defaults().spectrum(HessianOperator.of(objective, state.x().toArray(), Batch.all()), false);
        double[] ev = spectrum.eigenvalues();
        Outliers.Split bulk = Outliers.split(ev, maxOutliers);
        return new Spectrum(k, mlp.dimension(), eval.loss(), eval.accuracy(), ev, bulk.count(), bulk.gap());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutlierStudy s && Arrays.equals(ks, s.ks) && Arrays.equals(hidden, s.hidden) && perClass == s.perClass
                && features == s.features && activation == s.activation && separation == s.separation && steps == s.steps
                && eta == s.eta && maxOutliers == s.maxOutliers && seed == s.seed && backend == s.backend;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ks) * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return "OutlierStudy[ks=" + Arrays.toString(ks) + ", hidden=" + Arrays.toString(hidden) + ", steps=" + steps + "]";
    }
}
