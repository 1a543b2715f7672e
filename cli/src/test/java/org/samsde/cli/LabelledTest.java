package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.MethodKind;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.UpdateRule;

/** A method under another label says what the method is: display name, kind, perturbs, appearance. */
class LabelledTest {
    private static final ToyObjective F = ToyObjective.deterministic(new Quadratic(new double[] {1, 0, 0, 2}, null), CpuBackend.get());

    @Test
    void anSdeUnderItsSdeLabelIsTheModel() {
        SdeSolver usam = SdeSolver.builder(F, SdeModel.byName("usam")).eta(0.1).rho(0.05).build();
        Labelled<?> l = new Labelled<>("sde:usam", usam);
        assertEquals(usam.displayName(), l.displayName());
        assertEquals(SdeModel.byName("usam").displayName(), l.displayName());
        assertEquals(MethodKind.SDE, l.kind());
        assertFalse(l.perturbs());
        assertEquals(usam.appearance(), l.appearance());
    }

    @Test
    void oneSettingOfSeveralKeepsItsLabelBesideTheNameAndTakesThePalette() {
        Optimizer sam = Optimizer.builder(F, UpdateRule.byName("sam")).eta(0.1).rho(0.05).build();
        Labelled<?> l = new Labelled<>("sam:setting", sam);
        assertEquals("SAM (sam:setting)", l.displayName());
        assertTrue(l.perturbs());
        assertEquals(MethodKind.DISCRETE, l.kind());
        assertNull(l.appearance());
    }
}
