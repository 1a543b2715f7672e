package org.samsde.core.model;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.DirectionalPoints;
import org.samsde.core.testing.Problems;

/**
 * A small MLP written scalar by scalar in Commons Math {@link DerivativeStructure} arithmetic, in
 * two variables: f(x + s·e_p + t·v). Its partial derivatives give, exactly up to rounding,
 * ∂_s = g_p, ∂_s∂_t = (Hv)_p and ∂_s∂_t² = (T[v, v])_p: the oracle for the Taylor pass.
 */
class DerivativeStructureMlpTest {
    private static final int[] WIDTHS = {3, 4, 2};

    private static DerivativeStructure loss(double[] x, double[] v, int p, Dataset data) {
        DerivativeStructure[] w = DirectionalPoints.along(x, v, p, 3);
        double[] feats = data.x();
        int[] labels = data.labels();
        DerivativeStructure total = new DerivativeStructure(2, 3, 0.0);
        for (int i = 0; i < data.size(); i++) {
            DerivativeStructure[] h = new DerivativeStructure[WIDTHS[0]];
            for (int f = 0; f < WIDTHS[0]; f++) {
                h[f] = new DerivativeStructure(2, 3, feats[i * WIDTHS[0] + f]);
            }
            int off = 0;
            for (int l = 0; l + 1 < WIDTHS.length; l++) {
                int in = WIDTHS[l];
                int out = WIDTHS[l + 1];
                DerivativeStructure[] z = new DerivativeStructure[out];
                for (int o = 0; o < out; o++) {
                    DerivativeStructure acc = w[off + out * in + o];
                    for (int k = 0; k < in; k++) {
                        acc = acc.add(w[off + o * in + k].multiply(h[k]));
                    }
                    z[o] = l + 2 < WIDTHS.length ? acc.tanh() : acc;
                }
                off += out * (in + 1);
                h = z;
            }
            DerivativeStructure sum = new DerivativeStructure(2, 3, 0.0);
            for (DerivativeStructure zc : h) {
                sum = sum.add(zc.exp());
            }
            total = total.add(sum.log().subtract(h[labels[i]]));
        }
        return total.divide(data.size());
    }

    @Test
    void taylorPassMatchesDerivativeStructure() {
        Dataset data = Problems.classification(21, 5, 3, 2);
        Mlp mlp = new Mlp(WIDTHS, Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x = mlp.initialParameters(4);
        double[] v = Problems.gaussian(8, x.length, 1.0);
        Backend be = CpuBackend.get();
        TaylorResult r = new MlpObjective(mlp, data, be).taylor(be.upload(x, x.length), be.upload(v, v.length), 2, Batch.all());
        double[] g = new double[x.length];
        double[] hv = new double[x.length];
        double[] tvv = new double[x.length];
        double value = 0;
        for (int p = 0; p < x.length; p++) {
            DerivativeStructure f = loss(x, v, p, data);
            value = f.getValue();
            g[p] = f.getPartialDerivative(1, 0);
            hv[p] = f.getPartialDerivative(1, 1);
            tvv[p] = f.getPartialDerivative(1, 2);
        }
        Check.close(value, r.loss(), 1e-14, "loss");
        Check.close(g, r.gradient(), 1e-13, "gradient");
        Check.close(hv, r.hvp(0), 1e-12, "Hv");
        Check.close(tvv, r.thirdOrder(0), 1e-12, "T[v,v]");
    }
}
