package org.example.loss;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.loss.JetObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;

/**
 * SAM against its third-order SDE on the pseudo-Huber loss, written as {@code compare} writes a run
 * ({@link RunDirectory}): the library counterpart of
 * {@code SAMSDE_CLASSPATH=target/custom-loss-1.0.0.jar samsde compare --model user:pseudo-huber:0.5
 * --data teacher:n=256,d=4,h=0,noise=0.5 --methods sam,sam3}.
 */
public final class PseudoHuberComparison {
    /** The data. */
    public static final String DATA = "teacher:n=256,d=4,h=0,noise=0.5,seed=0";

    private PseudoHuberComparison() {
    }

    /**
     * @param dir the run directory (created)
     * @param steps optimiser steps
     * @param seeds ensemble size
     * @return the trajectories of SAM and SAM's SDE
     */
    public static List<Ensemble.Trajectory> run(Path dir, int steps, int seeds) {
        Backend cpu = CpuBackend.get();
        Split data = DataFiles.resolve(DATA);
        int p = data.train().features();
        JetObjective train = JetObjective.of(p + 1, data.train(), PseudoHuber.loss(p, 0.5), cpu);
        JetObjective test = JetObjective.of(p + 1, data.test(), PseudoHuber.loss(p, 0.5), cpu);
        Problem problem = Problem.of("pseudo-Huber regression on " + DATA, train, test, new double[p + 1]);
        Sampling batches = new Sampling(16, false);
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        SdeSolver sam3 = SdeSolver.builder(train, Sam3.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(Math.max(1, steps / 10)).seeds(seeds).threads(2).build();
        RunInfo info = RunInfo.of("pseudo-Huber: SAM and its SDE", cpu.description(), Map.of("steps", steps));
        RunDirectory out = RunDirectory.open(dir, RunDirectory.Claim.NEW, info);
        return out.run(problem, List.of(sam, sam3), settings).trajectories();
    }

    /**
     * @param args the run directory (default runs/pseudo-huber)
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "runs/pseudo-huber"), 200, 8);
    }
}
