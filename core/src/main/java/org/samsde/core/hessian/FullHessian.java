package org.samsde.core.hessian;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/**
 * The whole Hessian as a dense d × d matrix, and its complete spectrum, for d up to a few
 * thousand.
 *
 * <p><b>Method.</b> Column block c of H is H·[e_{cb} … e_{cb+b−1}]: b unit vectors applied in one
 * batched call (one Taylor pass for a {@link HessianOperator}). The assembled M is symmetric only
 * to rounding, so H = (M + Mᵀ)/2 is used, and the largest asymmetry
 * max|M − Mᵀ|/max|M| is reported as a check on the product. The spectrum comes from EJML's
 * symmetric eigendecomposition (Householder tridiagonalisation and implicit QR), sorted
 * descending.
 *
 * <p><b>Method properties.</b> Cost: d operator applications in ⌈d/b⌉ calls, plus O(d³) host
 * work (EJML, single-threaded). Memory: two d × d matrices (H and EJML's working copy), a third
 * for the eigenvectors; {@link #bytesNeeded} says how much and every entry point refuses up front
 * when it exceeds {@link #memoryLimitBytes()}.
 *
 * @param blockSize b, unit vectors per batched call, ≥ 1
 * @param memoryLimitBytes the most bytes of d × d matrices this may hold, ≥ 1
 */
public record FullHessian(int blockSize, long memoryLimitBytes) {
    /** Default unit vectors per batched call. */
    public static final int DEFAULT_BLOCK = 32;

    /**
     * Validates the options.
     *
     * @param blockSize b, unit vectors per batched call, ≥ 1
     * @param memoryLimitBytes the most bytes of d × d matrices this may hold, ≥ 1
     */
    public FullHessian {
        if (blockSize < 1) {
            throw new InvalidInputException("full Hessian block size must be >= 1, got " + blockSize);
        }
        if (memoryLimitBytes < 1) {
            throw new InvalidInputException("full Hessian memory limit must be positive, got " + memoryLimitBytes);
        }
    }

    /** @return blocks of 32 columns, memory limit half of {@link Runtime#maxMemory()} */
    public static FullHessian defaults() {
        return new FullHessian(DEFAULT_BLOCK, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * @param bytes the memory limit
     * @return a copy with that limit
     */
    public FullHessian withMemoryLimit(long bytes) {
        return new FullHessian(blockSize, bytes);
    }

    /**
     * @param d the dimension
     * @param vectors whether eigenvectors are wanted
     * @return 8·d²·m bytes, m the number of d × d matrices held at once (1 for {@link #matrix},
     *     2 for eigenvalues, 3 with eigenvectors)
     */
    public static long bytesNeeded(int d, boolean vectors) {
        return 8L * d * d * (vectors ? 3 : 2);
    }

    /**
     * Checks, before any work, that the spectrum of a d-dimensional Hessian fits the limit.
     *
     * @param d the dimension
     * @param vectors whether eigenvectors are wanted
     * @throws InvalidInputException naming d, the bytes needed and the limit, when it does not fit
     */
    public void requireFits(int d, boolean vectors) {
        require(d, bytesNeeded(d, vectors));
    }

    private void require(int d, long needed) {
        if (needed > memoryLimitBytes) {
            throw new InvalidInputException("the full Hessian of d = " + d + " parameters needs " + mib(needed)
                    + " MiB of d x d matrices, more than the limit of " + mib(memoryLimitBytes)
                    + " MiB; use lanczos or slq, or raise the Java heap (-Xmx)");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /**
     * The symmetrised Hessian.
     *
     * @param h the operator
     * @return H = (M + Mᵀ)/2 as a new row-major d × d array
     * @throws InvalidInputException when 8·d² bytes exceed the limit
     */
    public double[] matrix(SymmetricOperator h) {
        int d = h.dimension();
        require(d, 8L * d * d);
        return assemble(h).values;
    }

    /**
     * The complete spectrum.
     *
     * @param h the operator
     * @param vectors whether to compute the eigenvectors too
     * @return eigenvalues (descending), eigenvectors when asked, the asymmetry and the HVP count
     * @throws InvalidInputException when {@link #bytesNeeded} exceeds the limit (checked before any product)
     * @throws ArithmeticException when EJML's decomposition fails (non-finite entries)
     */
    public FullSpectrum spectrum(SymmetricOperator h, boolean vectors) {
        int d = h.dimension();
        requireFits(d, vectors);
        long before = h.applications();
        Assembled a = assemble(h);
        long hvps = h.applications() - before;
        DMatrixRMaj m = DMatrixRMaj.wrap(d, d, a.values);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, vectors, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("EJML's symmetric eigendecomposition failed on the " + d + " x " + d + " Hessian");
        }
        double[] raw = new double[d];
        for (int i = 0; i < d; i++) {
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        int[] order = Which.TOP.order(raw);
        double[] values = new double[d];
        double[] vecs = vectors ? new double[d * d] : null;
        for (int i = 0; i < d; i++) {
            values[i] = raw[order[i]];
            if (vectors) {
                DMatrixRMaj v = eig.getEigenVector(order[i]);
                System.arraycopy(v.data, 0, vecs, i * d, d);
                Vectors.normalise(vecs, i * d, d);
            }
        }
        return new FullSpectrum(d, values, vecs, a.asymmetry, hvps);
    }

    private record Assembled(double[] values, double asymmetry) {
    }

    private Assembled assemble(SymmetricOperator h) {
        int d = h.dimension();
        double[] m = new double[d * d];
        int b = Math.min(blockSize, d);
        double[] units = new double[b * d];
        for (int c0 = 0; c0 < d; c0 += b) {
            int cols = Math.min(b, d - c0);
            java.util.Arrays.fill(units, 0, cols * d, 0.0);
            for (int j = 0; j < cols; j++) {
                units[j * d + c0 + j] = 1.0;
            }
            // row c0 + j of m receives H e_{c0+j}, column c0 + j of H: m = Hᵀ up to rounding
            double[] block = new double[cols * d];
            h.apply(units, cols, block);
            System.arraycopy(block, 0, m, c0 * d, cols * d);
        }
        double scale = 0;
        double asym = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                scale = Math.max(scale, Math.abs(m[i * d + j]));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double x = m[i * d + j];
                double y = m[j * d + i];
                asym = Math.max(asym, Math.abs(x - y));
                double s = 0.5 * (x + y);
                m[i * d + j] = s;
                m[j * d + i] = s;
            }
        }
        return new Assembled(m, scale == 0 ? 0 : asym / scale);
    }
}
