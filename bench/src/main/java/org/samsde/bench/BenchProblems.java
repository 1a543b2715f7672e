package org.samsde.bench;

import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.tensor.Backend;
import org.samsde.sde.run.Problem;

/** The problems the benchmarks time, built from a model and a data spec as the command line builds them. */
final class BenchProblems {
    private BenchProblems() {
    }

    /**
     * @param model a model spec, e.g. {@code cnn6}
     * @param data a data spec, e.g. {@code mnist:n=5000,test=1000}
     * @param hessianSubset λ_max on the first this many training samples
     * @param backend where to compute
     * @return the problem, from the model's initial parameters of seed 0
     */
    static Problem of(String model, String data, int hessianSubset, Backend backend) {
        ModelSpec ms = ModelSpec.parse(model);
        Split split = DataFiles.resolve(data);
        ModelSpec.Model built = ms.build(split.train(), backend);
        return Problem.of(ms + " on " + data, built.objective(), split.hasTest() ? built.on(split.test()) : null, built.initialParameters(0))
                .withHessianSubset(hessianSubset);
    }
}
