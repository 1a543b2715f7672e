package org.samsde.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.CpuBackend;

class UserModelSpecTest {
    @Test
    void userLossesAreFoundThroughServiceLoaderWithTheirArguments() {
        ModelSpec spec = ModelSpec.parse("user:test-quartic:2,0.5");
        assertEquals("user:test-quartic:2,0.5", spec.toString());
        assertFalse(spec.needsData());
        Objective f = spec.build(null, CpuBackend.get()).objective();
        assertEquals(2, f.dimension());
        var be = CpuBackend.get();
        try (TaylorResult r = f.taylor(be.upload(new double[] {1, -2}, 2), be.upload(new double[] {1, 1}, 2), 2, Batch.all())) {
            assertEquals(0.25 * (1 + 16) + 0.5 * (1 - 2), r.loss(), 1e-14);
            assertArrayEquals(new double[] {1 + 0.5, -8 + 0.5}, r.gradient(), 1e-14);
            assertArrayEquals(new double[] {3, 12}, r.hvp(0), 1e-14);
            assertArrayEquals(new double[] {6, -12}, r.thirdOrder(0), 1e-14);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelSpec.parse("user:test-quartic:0").build(null, CpuBackend.get()));
        assertTrue(e.getMessage().contains("dimension 0 must be positive"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse("user:test-quart").build(null, CpuBackend.get()));
        assertTrue(e.getMessage().contains("found test-quartic"), e.getMessage());
    }
}
