package org.samsde.cli;

import org.samsde.sde.Dynamics;
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

    @Override
    Dynamics<?> method(Problem p) {
        UpdateRule m = Checks.input("--optimizer", () -> UpdateRule.byName(optimizer));
        return methods.optimizer(m, p.train(), run, run.sampling());
    }
}
