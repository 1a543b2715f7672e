package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Problems;

/**
 * The test problems of the Hessian tools: symmetric matrices A = Q·diag(λ)·Qᵀ with KNOWN spectra
 * (Q from the QR decomposition of a seeded Gaussian matrix), EJML's eigenvalues as a second
 * oracle, and a small tanh MLP on 3-class blobs.
 */
final class Spectra {
    private Spectra() {
    }

    /** A matrix with its exact spectrum and eigenvectors. @param lambda the eigenvalues as given @param q Q, row-major, column i the eigenvector of lambda[i] @param a A */
    record Known(double[] lambda, double[] q, double[] a) {
        int d() {
            return lambda.length;
        }

        DenseOperator operator() {
            return new DenseOperator(a);
        }

        /** @return the eigenvalues sorted descending */
        double[] descending() {
            double[] s = lambda.clone();
            java.util.Arrays.sort(s);
            for (int i = 0; i < s.length / 2; i++) {
                double t = s[i];
                s[i] = s[s.length - 1 - i];
                s[s.length - 1 - i] = t;
            }
            return s;
        }

        /** @return the unit eigenvector of lambda[i] */
        double[] eigenvector(int i) {
            int d = d();
            double[] v = new double[d];
            for (int r = 0; r < d; r++) {
                v[r] = q[r * d + i];
            }
            return v;
        }
    }

    /**
     * @param lambda the eigenvalues; copied
     * @param seed the seed of Q
     * @return A = Q diag(λ) Qᵀ, exactly symmetrised
     */
    static Known known(double[] lambda, long seed) {
        int d = lambda.length;
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        System.arraycopy(Problems.gaussian(seed, d * d, 1.0), 0, g.data, 0, d * d);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        if (!qr.decompose(g)) {
            throw new IllegalStateException("QR failed");
        }
        double[] q = qr.getQ(null, false).data.clone();
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += q[i * d + l] * lambda[l] * q[j * d + l];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return new Known(lambda.clone(), q, a);
    }

    /**
     * @param n how many
     * @param lo first value
     * @param hi last value
     * @return n values evenly spaced from lo to hi
     */
    static double[] linspace(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        return v;
    }

    /** @return the concatenation of the arrays */
    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /**
     * @param a a symmetric row-major d × d matrix; not modified
     * @param d its side
     * @return EJML's eigenvalues of A, descending
     */
    static double[] ejmlEigenvalues(double[] a, int d) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(DMatrixRMaj.wrap(d, d, a.clone()))) {
            throw new IllegalStateException("EJML eig failed");
        }
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(v);
        for (int i = 0; i < d / 2; i++) {
            double t = v[i];
            v[i] = v[d - 1 - i];
            v[d - 1 - i] = t;
        }
        return v;
    }

    /** @return a seeded vector of n independent N(0, 1) entries */
    static double[] gaussian(long seed, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] v = new double[n];
        Vectors.gaussian(rng, v, 0, n);
        return v;
    }

    /** A small network loss and a point. @param objective the loss @param x the point */
    record Net(Objective objective, double[] x) {
        HessianOperator hessian() {
            return HessianOperator.of(objective, x, Batch.all());
        }
    }

    /**
     * @param widths the layer widths (input 2, output 3)
     * @param seed the initialisation seed
     * @return a tanh MLP with cross-entropy on 60 samples of 3-class blobs, at its initialisation
     */
    static Net mlp(int[] widths, long seed) {
        Dataset train = Blobs.parse("blobs:k=3,n=60,d=2,seed=1").generate().train();
        Mlp mlp = new Mlp(widths, Activation.TANH, Loss.CROSS_ENTROPY);
        return new Net(new MlpObjective(mlp, train, CpuBackend.get()), mlp.initialParameters(seed));
    }

    /**
     * @param a the reference, descending; not modified
     * @param b the values under test; not modified
     * @return max_i |a_i − b_i| / |a_i|
     */
    static double maxRelativeError(double[] a, double[] b) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e = Math.max(e, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
        }
        return e;
    }
}
