package org.samsde.cli;

import org.samsde.sde.Dynamics;
import org.samsde.sde.optim.Svag;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samsde train}: a discrete optimiser as an ensemble of seeds, with records. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train with a discrete optimiser (SGD, SAM, USAM, DNSAM, Reverse-SAM, EGR, Eigen-SAM) as an ensemble "
                + "of seeds; writes trajectories.csv, summary.csv, params.npy and run.json into --out.")
final class TrainCommand extends SingleMethodRun {
    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sam",
            description = "sgd, sam, usam, dnsam, reverse-sam, egr or eigen-sam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--svag", paramLabel = "L",
            description = "SVAG (Li, Malladi & Arora 2021): L steps of η/L per step, each on a·G_γ1 + b·G_γ2 over two batches, "
                    + "a, b = (1 ± √(2L − 1))/2; tends to the optimizer's SDE as L grows. Records stay at SDE time k·η; "
                    + "1 is the plain optimizer (default: plain). Needs the plain step (no momentum or weight decay) and "
                    + "a rule without state (not eigen-sam).")
    Integer svag;

    @picocli.CommandLine.Mixin
    MethodOptions.Discrete flags;

    @Override
    MethodOptions methods() {
        return flags.options();
    }

    @Override
    Dynamics<?> method(Problem p) {
        UpdateRule m = Checks.input("--optimizer", () -> UpdateRule.byName(optimizer));
        MethodOptions methods = methods();
        if (svag == null) {
            return methods.optimizer(m, p.train(), run, run.sampling());
        }
        Checks.positive("--svag", svag);
        return Checks.input("--svag", () -> methods.optimizer(m, p.train(), run, run.sampling(), new Svag(svag)));
    }
}
