package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Check;

/** The contract every {@link SymmetricOperator} keeps, written once and run against each implementation. */
class SymmetricOperatorContractTest {

    static Stream<Arguments> operators() {
        Spectra.Known m = Spectra.known(Spectra.linspace(12, -3, 5), 1);
        Supplier<SymmetricOperator> dense = m::operator;
        Supplier<SymmetricOperator> quadratic = () -> HessianOperator.of(
                ToyObjective.deterministic(new Quadratic(m.a(), null), CpuBackend.get()), Spectra.gaussian(3, 12), Batch.all());
        Supplier<SymmetricOperator> mlp = () -> Spectra.mlp(new int[] {2, 5, 3}, 2).hessian();
        Supplier<SymmetricOperator> mlpSubset = () -> {
            Spectra.Net net = Spectra.mlp(new int[] {2, 5, 3}, 2);
            return HessianOperator.of(net.objective(), net.x(), Batch.of(0, 1, 2, 3, 4));
        };
        return Stream.of(Arguments.of("dense", dense), Arguments.of("quadratic toy", quadratic),
                Arguments.of("mlp", mlp), Arguments.of("mlp on 5 samples", mlpSubset));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void batchedEqualsOneByOneAndCountsVectors(String name, Supplier<SymmetricOperator> make) {
        SymmetricOperator h = make.get();
        int d = h.dimension();
        int m = 4;
        double[] vs = Spectra.gaussian(5, m * d);
        double[] out = new double[m * d];
        h.apply(vs, m, out);
        assertEquals(m, h.applications());
        for (int j = 0; j < m; j++) {
            double[] v = java.util.Arrays.copyOfRange(vs, j * d, (j + 1) * d);
            Check.close(h.apply(v), java.util.Arrays.copyOfRange(out, j * d, (j + 1) * d), 1e-13, name + " vector " + j);
        }
        assertEquals(2L * m, h.applications());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void symmetricAndLinear(String name, Supplier<SymmetricOperator> make) {
        SymmetricOperator h = make.get();
        int d = h.dimension();
        double[] u = Spectra.gaussian(6, d);
        double[] v = Spectra.gaussian(7, d);
        double[] hu = h.apply(u);
        double[] hv = h.apply(v);
        double scale = Vectors.scaledNorm(hu) * Vectors.scaledNorm(v) + Vectors.scaledNorm(hv) * Vectors.scaledNorm(u);
        assertEquals(Vectors.dot(u, hv), Vectors.dot(hu, v), 1e-13 * scale, name + ": <u, Hv> = <Hu, v>");
        double[] w = u.clone();
        Vectors.scale(d, 2.0, w, 0);
        Vectors.axpy(d, -3.0, v, 0, w, 0);
        double[] expected = hu.clone();
        Vectors.scale(d, 2.0, expected, 0);
        Vectors.axpy(d, -3.0, hv, 0, expected, 0);
        Check.close(expected, h.apply(w), 1e-12, name + ": H(2u - 3v) = 2Hu - 3Hv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void rejectsBadArguments(String name, Supplier<SymmetricOperator> make) {
        SymmetricOperator h = make.get();
        int d = h.dimension();
        double[] a = new double[2 * d];
        assertThrows(IllegalArgumentException.class, () -> h.apply(a, 0, new double[2 * d]));
        assertThrows(IllegalArgumentException.class, () -> h.apply(a, 3, new double[3 * d]));
        assertThrows(IllegalArgumentException.class, () -> h.apply(a, 2, new double[d]));
        assertThrows(IllegalArgumentException.class, () -> h.apply(a, 1, a));
        assertThrows(IllegalArgumentException.class, () -> h.apply(new double[d + 1]));
        assertEquals(0, h.applications(), "rejected calls are not counted");
    }
}
