package org.samsde.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Backend;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that define a problem: model, data, initial parameters, the λ_max subset. */
final class ProblemOptions {
    /** The default model of the run commands: a smooth MLP on 2-d, 3-class blobs. */
    static final String DEFAULT_MODEL = "mlp:2-16-16-3:tanh";

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = DEFAULT_MODEL,
            description = "Model: mlp:IN-H1-...-OUT:ACT, linreg, logreg, cnn6[:ACT], cnn:LAYERS[:ACT], quadratic:FILE.npz, poly:FILE.npz, "
                    + "diag-linear:D[:depth=L], deep-linear:W0-...-WL, matrix-sensing:D,R, or user:NAME[:ARGS] (a loss of your own on SAMSDE_CLASSPATH) (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data", paramLabel = "D", defaultValue = "blobs",
            description = "Data: an .npz (X, y, optional X_test, y_test), blobs:k=..,n=..,d=..,sep=..,seed=.., teacher:..., sparse-regression:n=..,d=..,k=..,noise=..,seed=.., sensing:n=..,d=..,r=.., or mnist, fashion-mnist, cifar10[:n=,seed=,test=,norm=] (default ${DEFAULT-VALUE}: 512 training and 128 test samples; compare's default, blobs:k=3,n=512,d=2,sep=3,test=256,seed=0, doubles the test set for the test accuracy it compares across methods; toys ignore it).")
    String data;

    @Option(names = {"--params", "--x0"}, paramLabel = "FILE.npy", description = "Initial parameters (1-d, length d); default: the model's initialisation from --init-seed.")
    Path params;

    @Option(names = {"--init-seed", "--seed"}, paramLabel = "S", defaultValue = "0", description = "Seed of the initial parameters (default ${DEFAULT-VALUE}).")
    long initSeed;

    @Option(names = "--subset", paramLabel = "N", description = "Train on the first N training samples only (default: all).")
    Integer subset;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "256",
            description = "λ_max is measured on the loss of the first N training samples (default ${DEFAULT-VALUE}, capped at n).")
    int hessianSubset;

    /** How messages name an option (see {@link RunOptions#label}). */
    UnaryOperator<String> label = UnaryOperator.identity();

    /** @return the problem on the backend of --backend; every method and seed starts from its x₀ */
    Problem build() {
        return build(backend.get());
    }

    /**
     * @param backend where to build it
     * @return the problem; every method and seed starts from its x₀
     */
    Problem build(Backend backend) {
        ModelSpec spec = ModelSpec.parse(model);
        Split split = spec.needsData() ? DataFiles.resolve(data) : null;
        if (subset != null && split != null) {
            if (subset < 1 || subset > split.train().size()) {
                throw new InvalidInputException(label.apply("--subset") + " must be in 1.." + split.train().size() + ", got " + subset);
            }
            int[] first = new int[subset];
            for (int i = 0; i < subset; i++) {
                first[i] = i;
            }
            split = new Split(split.train().subset(first), split.test());
        }
        ModelSpec.Model built = spec.build(split == null ? null : split.train(), backend);
        Objective train = built.objective();
        Objective test = split != null && split.hasTest() ? built.on(split.test()) : null;
        int d = train.dimension();
        double[] x0 = params != null ? Inputs.vector(params, label.apply("--params"), d, "the parameter count of " + spec)
                : built.initialParameters(initSeed);
        if (hessianSubset < 1) {
            throw new InvalidInputException(label.apply("--hessian-subset") + " must be at least 1, got " + hessianSubset);
        }
        int n = train.sampleCount();
        String description = spec + (split == null ? "" : " on " + data + " (n = " + n + (test == null ? "" : ", test " + test.sampleCount()) + ")");
        return Problem.of(description, train, test, x0).withHessianSubset(hessianSubset);
    }
}
