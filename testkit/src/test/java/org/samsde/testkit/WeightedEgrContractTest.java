package org.samsde.testkit;

import org.samsde.sde.optim.Egr;
import org.samsde.sde.optim.UpdateRule;

/** The rule contract on EGR with a fixed weight λ = 0.05, which by design does not reduce to SGD at ρ = 0. */
class WeightedEgrContractTest extends UpdateRuleContract {
    @Override
    protected UpdateRule rule() {
        return Egr.withWeight(0.05);
    }

    @Override
    protected boolean reducesToSgdAtRhoZero() {
        return false;
    }
}
