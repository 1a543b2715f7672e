package org.samsde.core.hessian;

import java.util.Arrays;

/**
 * The complete spectrum of a Hessian built explicitly by {@link FullHessian}.
 *
 * @param dimension d
 * @param eigenvalues all d eigenvalues, descending: λ₁ ≥ … ≥ λ_d
 * @param eigenvectors the unit eigenvectors as the rows of a row-major d × d array (row i for λ_{i+1}),
 *                     or null when they were not asked for
 * @param asymmetry max|M − Mᵀ|/max|M| of the assembled matrix before symmetrisation (rounding level
 *                  for an exact HVP)
 * @param hvps operator applications used (d)
 */
public record FullSpectrum(int dimension, double[] eigenvalues, double[] eigenvectors, double asymmetry, long hvps) {

    /**
     * Checks the shapes and copies the arrays.
     *
     * @param dimension d
     * @param eigenvalues all d eigenvalues, descending: λ₁ ≥ … ≥ λ_d
     * @param eigenvectors the unit eigenvectors as the rows of a row-major d × d array (row i for λ_{i+1}),
     *     or null when they were not asked for
     * @param asymmetry max|M − Mᵀ|/max|M| of the assembled matrix before symmetrisation (rounding level
     *     for an exact HVP)
     * @param hvps operator applications used (d)
     */
    public FullSpectrum {
        if (eigenvalues.length != dimension || (eigenvectors != null && eigenvectors.length != (long) dimension * dimension)) {
            throw new IllegalArgumentException("a full spectrum in d = " + dimension + " needs d eigenvalues and d*d vector entries");
        }
        eigenvalues = eigenvalues.clone();
        eigenvectors = eigenvectors == null ? null : eigenvectors.clone();
    }

    /** @return a copy of the eigenvalues, descending */
    /** @return a copy of {@code eigenvalues} */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** @return a copy of the (d × d) row-major eigenvectors, or null */
    @Override
    public double[] eigenvectors() {
        return eigenvectors == null ? null : eigenvectors.clone();
    }

    /** @return whether the eigenvectors were computed */
    public boolean hasEigenvectors() {
        return eigenvectors != null;
    }

    /**
     * @param i index, 0 for the largest
     * @return λ_{i+1}
     */
    public double eigenvalue(int i) {
        return eigenvalues[i];
    }

    /**
     * @param i index, 0 for the largest eigenvalue
     * @return a copy of its unit eigenvector
     * @throws IllegalStateException when the eigenvectors were not computed
     */
    public double[] eigenvector(int i) {
        if (eigenvectors == null) {
            throw new IllegalStateException("eigenvectors were not computed; ask FullHessian.spectrum(h, true)");
        }
        return Arrays.copyOfRange(eigenvectors, i * dimension, (i + 1) * dimension);
    }

    /** @return Σᵢ λᵢ, the trace */
    public double trace() {
        double s = 0;
        for (double v : eigenvalues) {
            s += v;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullSpectrum s && dimension == s.dimension && Arrays.equals(eigenvalues, s.eigenvalues)
                && Arrays.equals(eigenvectors, s.eigenvectors) && Double.compare(asymmetry, s.asymmetry) == 0 && hvps == s.hvps;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(eigenvalues) * 31 + Long.hashCode(hvps);
    }

    @Override
    public String toString() {
        int show = Math.min(dimension, 5);
        return "FullSpectrum[d=" + dimension + ", top " + Arrays.toString(Arrays.copyOf(eigenvalues, show))
                + ", bottom " + eigenvalues[dimension - 1] + ", asymmetry " + asymmetry + ", " + hvps + " HVPs]";
    }
}
