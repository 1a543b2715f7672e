package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.hessian.EigenResult;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.hessian.Which;
import org.samsde.core.model.Cnn;
import org.samsde.core.model.CnnObjective;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Vectors;

/**
 * Directions for two-dimensional slices of a loss landscape through a point x:
 * <ul>
 *   <li>{@link #hessian}: the two top eigenvectors of the loss Hessian at x (Lanczos), unit
 *       vectors, so that along them f(x + αv₁ + βv₂) ≈ f(x) + α⟨g, v₁⟩ + β⟨g, v₂⟩ + ½(λ₁α² + λ₂β²);</li>
 *   <li>{@link #filterNormalised}: Gaussian directions rescaled filter by filter as in Li et al.
 *       (2018), "Visualizing the loss landscape of neural nets": each {@link Segment} s of the
 *       direction (a row of a layer's W, i.e. one output unit's or one convolution filter's incoming
 *       weights, or a whole bias vector) becomes d_s·‖x_s‖/‖d_s‖, so that a step of 1 along it moves
 *       every filter by its own size and the picture does not depend on the network's scale
 *       invariances.</li>
 * </ul>
 */
public final class Directions {
    private Directions() {
    }

    /**
     * A contiguous block of the parameter vector that filter normalisation rescales as a whole.
     *
     * @param offset the first index
     * @param length the number of entries, ≥ 1
     */
    public record Segment(int offset, int length) {
        /**
         * Checks the range.
         *
         * @param offset the first index
         * @param length the number of entries, ≥ 1
         */
        public Segment {
            if (offset < 0 || length < 1) {
                throw new IllegalArgumentException("a segment needs offset >= 0 and length >= 1, got " + offset + ", " + length);
            }
        }
    }

    /**
     * The segments of filter normalisation in the public parameter layout:
     * <ul>
     *   <li>an MLP: for each layer, each row of W (out rows of length in), then its bias vector b;</li>
     *   <li>a CNN: for each convolution, each output channel's kernel (in·kh·kw values), then b; for
     *       each dense layer each row of W, then b;</li>
     *   <li>any other objective (closed-form toys, which have no layers): the whole vector.</li>
     * </ul>
     *
     * @param objective the model
     * @return segments that tile 0 … d − 1 in order
     */
    public static List<Segment> segments(Objective objective) {
        List<Segment> out = new ArrayList<>();
        if (objective instanceof MlpObjective m) {
            Mlp mlp = m.mlp();
            for (int l = 0; l < mlp.layers(); l++) {
                rows(out, mlp.weightOffset(l), mlp.out(l), mlp.in(l));
                out.add(new Segment(mlp.biasOffset(l), mlp.out(l)));
            }
        } else if (objective instanceof CnnObjective c) {
            Cnn cnn = c.cnn();
            for (int l = 0; l < cnn.depth(); l++) {
                if (cnn.layer(l).hasParameters()) {
                    int units = cnn.outputShape(l).channels();
                    rows(out, cnn.weightOffset(l), units, cnn.fanIn(l));
                    out.add(new Segment(cnn.biasOffset(l), units));
                }
            }
        } else {
            out.add(new Segment(0, objective.dimension()));
        }
        return out;
    }

    private static void rows(List<Segment> out, int offset, int rows, int length) {
        for (int r = 0; r < rows; r++) {
            out.add(new Segment(offset + r * length, length));
        }
    }

    /**
     * Filter normalisation: for every segment s, d_s ← d_s·‖x_s‖/‖d_s‖ (0 where d_s = 0).
     * A segment where x is zero (e.g. a bias initialised to zero) thus gets a zero direction.
     *
     * @param direction d; modified
     * @param x the parameters whose filter norms are imposed; not modified
     * @param segments segments within 0 … d − 1
     * @return direction
     */
    public static double[] filterNormalise(double[] direction, double[] x, List<Segment> segments) {
        if (direction.length != x.length) {
            throw new IllegalArgumentException("direction has " + direction.length + " values, the parameters " + x.length);
        }
        for (Segment s : segments) {
            if (s.offset() + s.length() > x.length) {
                throw new IllegalArgumentException("segment " + s + " runs past d = " + x.length);
            }
            double nd = 0;
            double nx = 0;
            for (int i = s.offset(); i < s.offset() + s.length(); i++) {
                nd += direction[i] * direction[i];
                nx += x[i] * x[i];
            }
            double factor = nd > 0 ? Math.sqrt(nx / nd) : 0.0;
            for (int i = s.offset(); i < s.offset() + s.length(); i++) {
                direction[i] *= factor;
            }
        }
        return direction;
    }

    /**
     * A Gaussian direction d ~ N(0, I), filter-normalised against x.
     *
     * @param x the point; not modified
     * @param segments the segments of {@link #segments}
     * @param rng the stream the Gaussian is drawn from
     * @return the direction
     */
    public static double[] filterNormalised(double[] x, List<Segment> segments, UniformRandomProvider rng) {
        double[] d = Vectors.normals(Vectors.gaussian(rng), new double[x.length]);
        return filterNormalise(d, x, segments);
    }

    /**
     * The plane through x spanned by two filter-normalised Gaussian directions, drawn from streams
     * (seed, 0) and (seed, 1) of {@link RandomStreams}.
     *
     * @param objective the model (for its segments)
     * @param x the origin; not modified
     * @param seed the seed
     * @return the basis, kind {@code random}, with x marked {@code a} at (0, 0)
     */
    public static Landscape.Basis random(Objective objective, double[] x, long seed) {
        List<Segment> segments = segments(objective);
        double[] u = filterNormalised(x, segments, RandomStreams.stream(seed, 0));
        double[] v = filterNormalised(x, segments, RandomStreams.stream(seed, 1));
        return new Landscape.Basis("random", x, u, v, List.of(new Landscape.Mark("a", 0, 0)));
    }

    /**
     * The top two Hessian eigenpairs at x.
     *
     * @param basis the plane: origin x, u = v₁, v = v₂ (unit eigenvectors of the two largest
     *     algebraic eigenvalues), kind {@code hessian}, x marked {@code a}
     * @param eigen the Lanczos result (eigenvalues, residuals, HVPs), largest first
     */
    public record HessianPlane(Landscape.Basis basis, EigenResult eigen) {
    }

    /**
     * The plane through x spanned by the eigenvectors of the two largest eigenvalues of
     * H = ∇²f_γ(x), from {@link Lanczos} (k = 2, {@link Which#TOP}) on the loss of {@code batch}.
     *
     * @param objective the loss
     * @param x the point; not modified
     * @param batch the samples whose loss Hessian is taken
     * @param lanczos the Lanczos configuration (tolerance, step cap, seed)
     * @return the plane and the eigenpairs
     */
    public static HessianPlane hessian(Objective objective, double[] x, Batch batch, Lanczos lanczos) {
        EigenResult top = lanczos.compute(HessianOperator.of(objective, x, batch), 2, Which.TOP).descending();
        Landscape.Basis basis = new Landscape.Basis("hessian", x, top.eigenvector(0), top.eigenvector(1),
                List.of(new Landscape.Mark("a", 0, 0)));
        return new HessianPlane(basis, top);
    }
}
