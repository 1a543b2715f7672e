package org.samsde.core.loss;

/**
 * One sample as a {@link JetLoss} sees it: its features and its target (a float target vector, or
 * an integer class label). The arrays are views reused for the next sample: read them during the
 * call, do not keep or modify them.
 */
public final class JetSample {
    private final double[] features;
    private final double[] allTargets;
    private final int stride;
    private final boolean classification;
    private final double[] x;
    private final double[] y;
    private int index = -1;

    JetSample(double[] features, int p, double[] targets, int stride, boolean classification) {
        this.features = features;
        this.allTargets = targets;
        this.stride = stride;
        this.classification = classification;
        this.x = new double[p];
        this.y = new double[stride];
    }

    void load(int i) {
        index = i;
        System.arraycopy(features, i * x.length, x, 0, x.length);
        System.arraycopy(allTargets, i * stride, y, 0, stride);
    }

    /** @return the sample's index in the data set */
    public int index() {
        return index;
    }

    /** @return the features (empty without data) */
    public double[] x() {
        return x;
    }

    /** @return the target vector (regression; one element, the label, for classification) */
    public double[] targets() {
        return y;
    }

    /** @return the target of a regression sample with one output, or the class label as a number */
    public double y() {
        if (stride != 1) {
            throw new IllegalStateException("the sample has " + stride + " targets; use targets()");
        }
        return y[0];
    }

    /** @return the class label */
    public int label() {
        if (!classification) {
            throw new IllegalStateException("regression data has no class labels; use y() or targets()");
        }
        return (int) y[0];
    }
}
