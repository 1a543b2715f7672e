package org.samsde.cli;

import org.samsde.sde.Dynamics;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samsde sde}: an SDE model solved by Euler–Maruyama as an ensemble of seeds, with records. */
@Command(name = "sde", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve an SDE model of SGD or SAM (sgd1, sgd2, usam, sam2, sam3) by Euler–Maruyama as an ensemble of "
                + "seeds, sampled at the optimiser's steps (time k·η); writes the same records as train.")
final class SdeCommand extends SingleMethodRun {
    @Option(names = "--sde", paramLabel = "MODEL", defaultValue = "sam3",
            description = "sgd1, sgd2, usam, sam2 or sam3 (default ${DEFAULT-VALUE}).")
    String model;

    @picocli.CommandLine.Mixin
    MethodOptions.Sde flags;

    @Override
    MethodOptions methods() {
        return flags.options();
    }

    @Override
    Dynamics<?> method(Problem p) {
        SdeModel kind = Checks.input("--sde", () -> SdeModel.byName(model));
        return methods().sde(kind, p.train(), run, run.sampling());
    }
}
