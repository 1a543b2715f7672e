package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Dataset;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde derive}: the loss, gradient, Hessian-vector product and third-order contraction
 * of a model at given parameters along a direction, from one Taylor pass.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Exact derivatives at x along v from one Taylor pass of order 2.",
            "Writes loss (0-d), grad (= g), hvp (= H v) and d3 (= T[v,v], not halved) as float64 arrays to an .npz file.",
            "With no options it runs on an embedded example: mlp:2-16-3:tanh on synthetic 3-class blobs."})
final class DeriveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "mlp:2-16-3:tanh",
            description = "Model: mlp:IN-H1-...-OUT:ACT (ACT: tanh, softplus, gelu, sigmoid, relu, identity), "
                    + "linreg, logreg, quadratic:FILE.npz (A, xstar) or poly:FILE.npz (A, C, q). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--data", paramLabel = "D",
            description = "Training data: an .npz with X, y (X_test, y_test ignored here), blobs:k=..,n=..,d=..,sep=..,seed=.., "
                    + "or teacher:n=..,d=..,h=..,seed=... Default for network models: blobs. Toys take none.")
    String data;

    @ArgGroup(exclusive = true)
    Start start = new Start();

    /** Where the parameters come from. */
    static final class Start {
        @Option(names = "--params", paramLabel = "FILE.npy", description = "Parameters x (1-d, length d, in the public layout).")
        Path params;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Draw x from the model's initialisation with this seed (default ${DEFAULT-VALUE}).")
        long seed;
    }

    @Option(names = "--direction", paramLabel = "FILE.npy",
            description = "Direction v (1-d, length d). Default: a unit vector drawn from --direction-seed.")
    Path direction;

    @Option(names = "--direction-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random unit direction when --direction is not given (default ${DEFAULT-VALUE}).")
    long directionSeed;

    @Option(names = "--weights", paramLabel = "FILE.npy",
            description = "Per-sample loss weights w (1-d, length n): the loss becomes (1/n) sum_i w_i f_i.")
    Path weights;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--out", paramLabel = "FILE.npz", defaultValue = "derive.npz",
            description = "Output file (default ${DEFAULT-VALUE}); written atomically.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Backend backend = this.backend.get();
        ModelSpec ms = ModelSpec.parse(model);
        Dataset train = null;
        if (ms.needsData()) {
            train = DataFiles.resolve(data == null ? "blobs" : data).train();
        } else if (data != null) {
            throw new InvalidInputException("--data: model " + ms + " is a closed-form toy and takes no data");
        }
        ModelSpec.Model built = ms.build(train, backend);
        Objective objective = built.objective();
        int d = objective.dimension();
        double[] x = start.params != null
                ? Inputs.vector(start.params, "--params", d, "the parameter count of " + ms)
                : built.initialParameters(start.seed);
        double[] v = direction != null
                ? Inputs.vector(direction, "--direction", d, "the parameter count of " + ms)
                : randomUnitVector(d, directionSeed);
        Batch batch = Batch.all();
        if (weights != null) {
            int n = objective.sampleCount();
            batch = batch.withWeights(Inputs.vector(weights, "--weights", n, "the number of training samples"));
        }
        Inputs.output(out, "--out");

        TaylorResult r;
        try (Tensor xt = backend.upload(x, d); Tensor vt = backend.upload(v, d)) {
            r = objective.taylor(xt, vt, 2, batch);
        }
        double[] g = r.gradient();
        double[] hv = r.hvp(0);
        double[] d3 = r.thirdOrder(0);
        r.gradientCoefficients().close();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("loss", NpyArray.scalar(r.loss()));
        arrays.put("grad", NpyArray.ofDoubles(g, d));
        arrays.put("hvp", NpyArray.ofDoubles(hv, d));
        arrays.put("d3", NpyArray.ofDoubles(d3, d));
        Npz.write(out, arrays);

        PrintWriter o = spec.commandLine().getOut();
        o.printf("model      %s (d = %d, n = %d)%n", ms, d, objective.sampleCount());
        o.printf("loss       %.17g%n", r.loss());
        o.printf("|grad|     %.6e%n", Vectors.norm(g));
        o.printf("v'Hv       %.6e%n", Vectors.dot(v, hv));
        o.printf("|Hv|       %.6e%n", Vectors.norm(hv));
        o.printf("|T[v,v]|   %.6e%n", Vectors.norm(d3));
        o.printf("wrote      %s (loss, grad, hvp, d3)%n", out);
        o.flush();
        return 0;
    }

    static double[] randomUnitVector(int d, long seed) {
        return Vectors.randomUnit(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), d);
    }
}
