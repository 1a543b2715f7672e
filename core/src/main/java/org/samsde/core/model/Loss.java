package org.samsde.core.model;

/** The per-sample losses of the models. */
public enum Loss {
    /** Softmax cross-entropy with integer class labels: ℓ = logsumexp(z) − z_y. */
    CROSS_ENTROPY,
    /** Binary cross-entropy on one logit with labels 0/1: ℓ = log(1 + e^z) − y·z (logistic regression). */
    BINARY_CROSS_ENTROPY,
    /** Squared error ℓ = ½‖ŷ − y‖² on float targets, so that the mean over n is (1/(2n))Σ‖ŷᵢ − yᵢ‖². */
    MSE;

    /** @return whether targets are class labels (one integer per sample) */
    public boolean usesLabels() {
        return this != MSE;
    }
}
