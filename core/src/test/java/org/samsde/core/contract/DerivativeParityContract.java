package org.samsde.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Cnn;
import org.samsde.core.model.CnnObjective;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

/**
 * Whole derivative passes on a candidate backend against the CPU backend: {@link MlpObjective}
 * and {@link CnnObjective} Taylor passes of order 0, 1, 2 and 3 along one and three directions, for
 * every activation and every loss, for convolutions with stride and padding and both poolings, on the full batch and on a weighted batch with repeated samples, in one chunk and in
 * chunks of 16 rows (the last one of 2). Loss and gradient coefficients must agree to a relative 1e-12 (max norm), and
 * the forward-only evaluation (loss, accuracy) too. Published in core's test-jar:
 * {@link PureJavaDerivativeParityTest} runs it on the pure-Java CPU backend, the gpu module on the
 * CUDA backend; a backend's test extends this class and supplies {@link #candidate()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DerivativeParityContract {
    private final CpuBackend cpu = CpuBackend.get();
    private Backend gpu;

    /** @return the backend under test (may skip the test through an assumption) */
    protected abstract Backend candidate();

    /**
     * @param name a case's name
     * @return whether this backend's run covers the case (all by default; a slow backend may run a
     *     subset by default and the whole contract on request, saying so)
     */
    protected boolean covers(String name) {
        return true;
    }

    @BeforeEach
    void start() {
        gpu = candidate();
    }

    /** Builds a case's objective on a backend, in chunks of at most the given rows. */
    interface Factory {
        Objective create(Backend backend, int chunkRows);
    }

    /** A model with its data and a point. */
    record Case(String name, Factory objective, double[] x) {
        static Case mlp(String name, Mlp mlp, Dataset data) {
            return new Case(name, (b, chunk) -> new MlpObjective(mlp, data, b, chunk), mlp.initialParameters(5));
        }

        static Case cnn(String name, String layers, ImageShape shape, Activation act, int classes) {
            Cnn cnn = new Cnn(shape, Cnn.parseLayers(layers), act, Loss.CROSS_ENTROPY);
            int n = 50;
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i * 5) % classes;
            }
            Dataset data = Dataset.images(BackendParityContract.random(4, n * shape.size(), -1, 1), shape, labels);
            return new Case(name, (b, chunk) -> new CnnObjective(cnn, data, b, chunk), cnn.initialParameters(5));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int n = 50;
        double[] x6 = BackendParityContract.random(1, n * 6, -2, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 4;
        }
        for (Activation act : Activation.values()) {
            cases.add(Case.mlp("cross-entropy " + act, new Mlp(new int[] {6, 16, 12, 4}, act, Loss.CROSS_ENTROPY),
                    Dataset.classification(x6, 6, labels)));
        }
        int[] binary = new int[n];
        for (int i = 0; i < n; i++) {
            binary[i] = (i * 3) % 2;
        }
        cases.add(Case.mlp("binary cross-entropy", new Mlp(new int[] {6, 9, 1}, Activation.SOFTPLUS, Loss.BINARY_CROSS_ENTROPY),
                Dataset.classification(x6, 6, binary)));
        cases.add(Case.mlp("logistic regression", new Mlp(new int[] {6, 4}, Activation.IDENTITY, Loss.CROSS_ENTROPY),
                Dataset.classification(x6, 6, labels)));
        double[] targets = BackendParityContract.random(2, n * 2, -1, 1);
        cases.add(Case.mlp("mse", new Mlp(new int[] {6, 10, 2}, Activation.GELU, Loss.MSE),
                Dataset.regression(x6, 6, targets, 2)));
        cases.add(Case.mlp("wide mse", new Mlp(new int[] {6, 40, 33}, Activation.TANH, Loss.MSE),
                Dataset.regression(x6, 6, BackendParityContract.random(3, n * 33, -1, 1), 33)));
        cases.add(Case.cnn("cnn conv-pad-stride, avg, max, tanh", "c4k3p1-avg2-c6k3s2p1-max2-d8-d3", new ImageShape(2, 12, 10),
                Activation.TANH, 3));
        cases.add(Case.cnn("cnn overlapping max, gelu", "c3k2-max3s2-d4", new ImageShape(3, 9, 9), Activation.GELU, 4));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void taylorPassesAgree(Case c) {
        org.junit.jupiter.api.Assumptions.assumeTrue(covers(c.name()), "not in this backend's reduced run: " + c.name());
        double[] x = c.x();
        int d = x.length;
        int[] repeated = {3, 3, 17, 0, 49, 20, 3, 11, 11, 8};
        double[] weights = BackendParityContract.random(6, repeated.length, 0, 2);
        List<Batch> batches = List.of(Batch.all(), Batch.of(repeated).withWeights(weights));
        for (int chunk : new int[] {Integer.MAX_VALUE, 16}) {
            Objective oc = c.objective().create(cpu, chunk);
            Objective og = c.objective().create(gpu, chunk);
            try (Tensor xc = cpu.upload(x, d); Tensor xg = gpu.upload(x, d)) {
                for (Batch batch : batches) {
                    String where = c + ", " + batch + ", chunk " + chunk;
                    compare(where + ", order 0", oc.taylor(xc, null, 0, batch), og.taylor(xg, null, 0, batch));
                    for (int dirs : new int[] {1, 3}) {
                        double[] v = BackendParityContract.random(7 + dirs, dirs * d, -1, 1);
                        try (Tensor vc = cpu.upload(v, dirs, d); Tensor vg = gpu.upload(v, dirs, d)) {
                            for (int order = 1; order <= 3; order++) {
                                compare(where + ", order " + order + ", " + dirs + " directions",
                                        oc.taylor(xc, vc, order, batch), og.taylor(xg, vg, order, batch));
                            }
                        }
                    }
                    Objective.Evaluation ec = oc.evaluate(xc, batch);
                    Objective.Evaluation eg = og.evaluate(xg, batch);
                    BackendParityContract.assertClose(where + ", evaluated loss", new double[] {ec.loss()}, new double[] {eg.loss()});
                    assertEquals(ec.accuracy(), eg.accuracy(), where + ", accuracy");
                }
            }
        }
    }

    private static void compare(String what, TaylorResult expected, TaylorResult actual) {
        assertEquals(expected.layout(), actual.layout(), what);
        BackendParityContract.assertClose(what + ": loss coefficients", expected.lossCoefficients(), actual.lossCoefficients());
        try (Tensor ge = expected.gradientCoefficients(); Tensor ga = actual.gradientCoefficients()) {
            BackendParityContract.assertClose(what + ": gradient coefficients", ge.toArray(), ga.toArray());
        }
    }
}
