package org.samsde.core.objective;

import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Tensor;

/**
 * The outcome of one Taylor pass at x along directions v_j: for each direction,
 * f(x + t·v_j) = Σ_k a_k t^k and ∇f(x + t·v_j) = Σ_k c_k t^k up to order K, so that
 * c₀ = ∇f(x), c₁ = H·v_j, c₂ = ½·T[v_j, v_j], c₃ = ⅙·∇⁴f[v_j, v_j, v_j]
 * and a₀ = f(x), a₁ = ⟨∇f, v_j⟩, a₂ = ½⟨v_j, H v_j⟩.
 *
 * <p>The result owns {@link #gradientCoefficients()}: close it (try-with-resources) when done, or
 * take the tensor and close that instead.
 *
 * @param layout order and number of directions
 * @param dimension d, the number of parameters
 * @param lossCoefficients a_k per block of the layout
 * @param gradientCoefficients c_k per block, a (blocks × d) tensor on the objective's backend
 */
public record TaylorResult(JetLayout layout, int dimension, double[] lossCoefficients, Tensor gradientCoefficients)
        implements AutoCloseable {

    /** Releases {@link #gradientCoefficients()} (the built-in backends' tensors ignore a second close). */
    @Override
    public void close() {
        gradientCoefficients.close();
    }

    /** @return f(x) */
    public double loss() {
        return lossCoefficients[0];
    }

    /**
     * @param k Taylor order
     * @param j direction
     * @return a_k for direction j, the coefficient of t^k in f(x + t·v_j)
     */
    public double lossCoefficient(int k, int j) {
        return lossCoefficients[layout.block(k, j)];
    }

    /**
     * @param k Taylor order
     * @param j direction
     * @return the element offset of c_k for direction j in {@link #gradientCoefficients()}
     */
    public int offset(int k, int j) {
        return layout.block(k, j) * dimension;
    }

    /**
     * @param k Taylor order
     * @param j direction
     * @return a host copy of c_k for direction j
     */
    public double[] coefficient(int k, int j) {
        double[] out = new double[dimension];
        gradientCoefficients.backend().download(gradientCoefficients, offset(k, j), out, 0, dimension);
        return out;
    }

    /** @return a host copy of ∇f(x) */
    public double[] gradient() {
        return coefficient(0, 0);
    }

    /**
     * @param j direction
     * @return a host copy of H·v_j
     */
    public double[] hvp(int j) {
        return coefficient(1, j);
    }

    /**
     * @param j direction
     * @return a host copy of T[v_j, v_j] = ∇³f[v_j, v_j] (twice the stored coefficient c₂)
     */
    public double[] thirdOrder(int j) {
        double[] c = coefficient(2, j);
        for (int i = 0; i < c.length; i++) {
            c[i] *= 2.0;
        }
        return c;
    }
}
