package org.samsde.core.model;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/** Classification hits of a forward sweep, counted on the host. */
final class Accuracy {
    private Accuracy() {
    }

    /**
     * Counts the rows whose prediction equals the label: the argmax of the outputs (the first on
     * ties) for several outputs, the sign of the output (positive: class 1) for one.
     *
     * @param backend where the tensors live
     * @param outputs the outputs, rows × width from offset 0; not modified
     * @param labels the labels as doubles, rows from offset 0; not modified
     * @param rows number of rows
     * @param width outputs per row
     * @return the number of correctly classified rows
     */
    static long correct(Backend backend, Tensor outputs, Tensor labels, int rows, int width) {
        double[] z = new double[rows * width];
        backend.download(outputs, 0, z, 0, rows * width);
        double[] y = new double[rows];
        backend.download(labels, 0, y, 0, rows);
        long hits = 0;
        for (int r = 0; r < rows; r++) {
            int predicted;
            if (width == 1) {
                predicted = z[r] > 0 ? 1 : 0;
            } else {
                predicted = 0;
                for (int c = 1; c < width; c++) {
                    if (z[r * width + c] > z[r * width + predicted]) {
                        predicted = c;
                    }
                }
            }
            if (predicted == (int) y[r]) {
                hits++;
            }
        }
        return hits;
    }
}
