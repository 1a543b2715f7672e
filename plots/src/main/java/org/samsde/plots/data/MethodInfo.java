package org.samsde.plots.data;

import org.samsde.sde.Appearance;
import org.samsde.sde.Stability;

/**
 * What a method is, as a figure needs it: its legend name, whether it perturbs (so that an
 * alignment of its ε with v₁ is defined), whether it is an SDE, and the appearance it asks for.
 * Read from a run directory's {@code run.json} ({@link RunDirectory#methods()}), or for
 * directories that do not record it, from the method registered under the label
 * ({@link org.samsde.plots.Methods#of}).
 *
 * @param label the label in the records
 * @param displayName the legend name
 * @param perturbs whether the method perturbs the parameters before its gradient
 * @param sde whether the method is a numerical SDE solution
 * @param appearance the declared palette index and dash, or null for the palette in order
 * @param stability the method's linear-stability threshold at the run's settings, as {@code run.json}
 *     records it (full-batch runs of a method that declares one, docs/stability.md), or null
 */
public record MethodInfo(String label, String displayName, boolean perturbs, boolean sde, Appearance appearance, Stability stability) {

    /**
     * What a method is, without a stability threshold.
     *
     * @param label the label in the records
     * @param displayName the legend name
     * @param perturbs whether the method perturbs the parameters before its gradient
     * @param sde whether the method is a numerical SDE solution
     * @param appearance the declared palette index and dash, or null for the palette in order
     */
    public MethodInfo(String label, String displayName, boolean perturbs, boolean sde, Appearance appearance) {
        this(label, displayName, perturbs, sde, appearance, null);
    }

    /**
     * @param label a label nothing is known about
     * @return the label as its own legend name, not perturbing, discrete, no declared appearance
     */
    public static MethodInfo plain(String label) {
        return new MethodInfo(label, label, false, false, null);
    }
}
