package org.samsde.core.hessian;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.samsde.core.tensor.Vectors;

/**
 * The eigendecomposition T = S·diag(θ)·Sᵀ of a symmetric tridiagonal matrix T with diagonal
 * α_0…α_{n−1} and off-diagonal β_0…β_{n−2} (package-private).
 *
 * <p>Two ways in: {@link #of} computes everything with EJML's symmetric QR algorithm (O(n³) with
 * the eigenvectors); {@link #eigenvalues} (EJML's implicit QR on the tridiagonal itself, without
 * vectors, O(n²)) with {@link #eigenvector} (inverse iteration, O(n) per vector) gives the few
 * quantities a Lanczos convergence test needs at every step, cheaply.
 *
 * @param size n
 * @param values θ_0 ≤ … ≤ θ_{n−1}, ascending
 * @param vectors S as a row-major n × n array: column i (elements {@code vectors[r·n + i]}) is the
 *                unit eigenvector of θ_i
 */
record TridiagonalEigen(int size, double[] values, double[] vectors) {
    /** Inverse-iteration sweeps: with a shift accurate to rounding, one sweep already suffices. */
    private static final int INVERSE_ITERATIONS = 3;

    /**
     * @param alpha the diagonal; not modified
     * @param beta the off-diagonal (elements past n − 2 ignored); not modified
     * @param n the size, ≥ 1
     * @return the full decomposition, eigenvalues ascending
     * @throws ArithmeticException when EJML's QR iteration fails (non-finite input)
     */
    static TridiagonalEigen of(double[] alpha, double[] beta, int n) {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.unsafe_set(i, i, alpha[i]);
            if (i + 1 < n) {
                t.unsafe_set(i, i + 1, beta[i]);
                t.unsafe_set(i + 1, i, beta[i]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(t)) {
            throw new ArithmeticException("EJML's symmetric QR failed on a tridiagonal matrix of size " + n);
        }
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        int[] order = Which.BOTTOM.order(raw);
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int c = 0; c < n; c++) {
            values[c] = raw[order[c]];
            DMatrixRMaj s = eig.getEigenVector(order[c]);
            double nrm = 0;
            for (int r = 0; r < n; r++) {
                nrm += s.get(r, 0) * s.get(r, 0);
            }
            nrm = Math.sqrt(nrm);
            for (int r = 0; r < n; r++) {
                vectors[r * n + c] = s.get(r, 0) / nrm;
            }
        }
        return new TridiagonalEigen(n, values, vectors);
    }

    /**
     * @param alpha the diagonal; not modified
     * @param beta the off-diagonal; not modified
     * @param n the size, ≥ 1
     * @return the eigenvalues, ascending, by EJML's implicit symmetric QR without vectors
     * @throws ArithmeticException when the QR iteration fails
     */
    static double[] eigenvalues(double[] alpha, double[] beta, int n) {
        double[] diag = java.util.Arrays.copyOf(alpha, n);
        double[] off = java.util.Arrays.copyOf(beta, Math.max(0, n - 1));
        SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM();
        if (!qr.process(n, diag, off)) {
            throw new ArithmeticException("EJML's tridiagonal QR did not converge on a matrix of size " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = qr.getEigenvalue(i);
        }
        java.util.Arrays.sort(values);
        return values;
    }

    /**
     * The unit eigenvector of T for an eigenvalue θ known to working accuracy, by inverse
     * iteration: s ← (T − θI)⁻¹s / ‖·‖ with a tridiagonal LU with partial pivoting (LAPACK's
     * {@code dgtsv} scheme), exactly singular pivots replaced by ε·‖T‖.
     *
     * @param alpha the diagonal; not modified
     * @param beta the off-diagonal; not modified
     * @param n the size, ≥ 1
     * @param theta the eigenvalue
     * @return s, ‖s‖ = 1 (its sign is arbitrary)
     */
    static double[] eigenvector(double[] alpha, double[] beta, int n, double theta) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(alpha[i]) + (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i + 1 < n ? Math.abs(beta[i]) : 0));
        }
        double tiny = Math.ulp(1.0) * Math.max(scale, Double.MIN_NORMAL);
        double[] s = new double[n];
        // a fixed, irregular start with no special structure (avoids being orthogonal by symmetry)
        for (int i = 0; i < n; i++) {
            s[i] = 1.0 + 0.5 * Math.sin(1.0 + 7.0 * i);
        }
        Vectors.normalise(s, 0, n);
        for (int sweep = 0; sweep < INVERSE_ITERATIONS; sweep++) {
            solveShifted(alpha, beta, n, theta, tiny, s);
            if (Vectors.normalise(s, 0, n) == 0 || !Double.isFinite(s[0])) {
                throw new ArithmeticException("inverse iteration broke down at shift " + theta);
            }
        }
        return s;
    }

    /** b ← (T − θI)⁻¹ b by Gaussian elimination with partial pivoting on the tridiagonal. */
    private static void solveShifted(double[] alpha, double[] beta, int n, double theta, double tiny, double[] b) {
        double[] d = new double[n];
        double[] du = new double[Math.max(0, n - 1)];
        double[] dl = new double[Math.max(0, n - 1)];
        for (int i = 0; i < n; i++) {
            d[i] = alpha[i] - theta;
        }
        for (int i = 0; i + 1 < n; i++) {
            du[i] = beta[i];
            dl[i] = beta[i];
        }
        // after elimination, dl[i] holds the second superdiagonal U(i, i+2) created by row swaps
        for (int i = 0; i + 1 < n; i++) {
            if (Math.abs(d[i]) >= Math.abs(dl[i])) {
                if (d[i] == 0) {
                    d[i] = tiny;
                }
                double fact = dl[i] / d[i];
                d[i + 1] -= fact * du[i];
                b[i + 1] -= fact * b[i];
                dl[i] = 0;
            } else {
                double fact = d[i] / dl[i];
                d[i] = dl[i];
                double temp = d[i + 1];
                d[i + 1] = du[i] - fact * temp;
                if (i + 2 < n) {
                    dl[i] = du[i + 1];
                    du[i + 1] = -fact * dl[i];
                } else {
                    dl[i] = 0;
                }
                du[i] = temp;
                temp = b[i];
                b[i] = b[i + 1];
                b[i + 1] = temp - fact * b[i + 1];
            }
        }
        if (d[n - 1] == 0) {
            d[n - 1] = tiny;
        }
        b[n - 1] /= d[n - 1];
        if (n > 1) {
            b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / d[n - 2];
        }
        for (int i = n - 3; i >= 0; i--) {
            b[i] = (b[i] - du[i] * b[i + 1] - dl[i] * b[i + 2]) / d[i];
        }
    }

    /**
     * @param r row
     * @param i eigenvector (column)
     * @return S_{r,i}
     */
    double component(int r, int i) {
        return vectors[r * size + i];
    }
}
