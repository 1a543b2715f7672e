package org.samsde.plots.data;

/**
 * One row of {@code samsde study outliers}: the Hessian spectrum of a net trained on k classes.
 *
 * @param classes k
 * @param dimension d
 * @param outliers the outlier count the study found
 * @param eigenvalues all d eigenvalues, descending (eigenvalues_K.npy)
 */
public record ClassSpectrum(int classes, int dimension, int outliers, double[] eigenvalues) {

    /** Copies the eigenvalues. */
    public ClassSpectrum {
        eigenvalues = eigenvalues.clone();
    }

    /** @return a copy of the eigenvalues */
    /** @return a copy of {@code eigenvalues} */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }
}
