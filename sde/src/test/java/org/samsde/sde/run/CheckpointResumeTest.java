package org.samsde.sde.run;

import org.samsde.sde.model.BatchMcNoise;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.PerSampleNoise;
import org.samsde.sde.model.PluginDrift;
import org.samsde.sde.model.Sam2;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.optim.EigenSam;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.Split;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.Optimizer;

/**
 * A trajectory that crashes after a checkpoint and is resumed from it ends with records and
 * parameters bitwise equal to an uninterrupted run, for every kind of state (momentum buffer,
 * Eigen-SAM's eigenvector and epoch counter, batch and noise streams, the λ_max warm start).
 */
class CheckpointResumeTest {
    private static final Backend BE = CpuBackend.get();

    @TempDir
    Path dir;

    static Problem problem() {
        Split split = Blobs.parse("blobs:k=3,n=48,d=2,test=16,seed=4").generate();
        Mlp mlp = new Mlp(new int[] {2, 6, 3}, Activation.TANH, Loss.CROSS_ENTROPY);
        Objective train = new MlpObjective(mlp, split.train(), BE);
        return new Problem("test", train, new MlpObjective(mlp, split.test(), BE), Batch.of(0, 1, 2, 3, 4, 5, 6, 7),
                mlp.initialParameters(2));
    }

    static Dynamics<?> method(String name, Objective obj) {
        Sampling s = new Sampling(8, false);
        return switch (name) {
            case "eigen-sam" -> Optimizer.builder(obj, new EigenSam(new EigenSamOptions(4, 3, 0.3, false, false, false))).rho(0.05).lr(new LearningRate.Cosine(0.2, 0.01, false)).base(new BaseStep.Momentum(0.9, 1e-3)).sampling(s).build();
            case "sam3" -> SdeSolver.builder(obj, Sam3.INSTANCE).rho(0.05).eta(0.1).sampling(s).substeps(2).drift(new MonteCarloDrift(2)).noise(new BatchMcNoise(3)).build();
            case "sam2" -> SdeSolver.builder(obj, Sam2.INSTANCE).rho(0.05).eta(0.1).sampling(s).substeps(1).drift(new PluginDrift()).noise(new PerSampleNoise()).build();
            default -> throw new AssertionError(name);
        };
    }

    private static <S extends Dynamics.State> Ensemble.Trajectory run(Problem p, Dynamics<S> d, Ensemble.Settings s, Path ckpt,
                                                                      LongConsumer progress) throws IOException {
        return Ensemble.trajectory(p, d, 0, 77, s, ckpt, progress);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eigen-sam", "sam3", "sam2"})
    void resumedTrajectoriesAreBitwiseEqualToUninterruptedOnes(String name) throws IOException {
        Problem p = problem();
        Dynamics<?> d = method(name, p.train());
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(24).every(3).seeds(1).masterSeed(0).threads(1).hessian(true).hessianTolerance(1e-4).divergenceBound(1e6).checkpoints(5, dir).build();
        Ensemble.Trajectory whole = run(p, d, Ensemble.Settings.builder().steps(24).every(3).seeds(1).masterSeed(0).threads(1).hessian(true).build(), null, n -> { });

        Path ckpt = Checkpoint.file(dir, 0, d.name(), 0);
        long[] done = {0};
        assertThrows(IllegalStateException.class, () -> run(p, d, settings, ckpt, n -> {
            done[0] += n;
            if (done[0] == 13) {
                throw new IllegalStateException("simulated crash after step 13");
            }
        }));
        // progress reports the steps taken from the checkpoint at once, then one call per step computed
        List<Long> steps = new ArrayList<>();
        Ensemble.Trajectory resumed = run(p, d, settings, ckpt, steps::add);
        assertEquals(10L, steps.get(0), "resumed from the checkpoint of step 10, the last before the crash");
        assertEquals(24 - 10, steps.size() - 1, "only steps 11..24 are computed again: " + steps);
        assertEquals(strip(whole.records()), strip(resumed.records()));
        assertArrayEquals(whole.finalParameters(), resumed.finalParameters(), 0.0);
        steps.clear();
        Ensemble.Trajectory again = run(p, d, settings, ckpt, steps::add);
        assertEquals(List.of(24L), steps, "a finished checkpoint is returned as it is, without a step");
        assertEquals(strip(whole.records()), strip(again.records()), "a finished checkpoint is returned as it is");
    }

    @Test
    void removingCheckpointsDeletesOnlySamsdesOwnFiles() throws IOException {
        Problem p = problem();
        Dynamics<?> d = method("sam2", p.train());
        Path ckpts = dir.resolve("checkpoints");
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(4).every(2).seeds(1).masterSeed(0).threads(1).hessian(false).hessianTolerance(1e-4).divergenceBound(1e6).checkpoints(2, ckpts).build();
        Files.createDirectories(ckpts);
        Path own = Checkpoint.file(ckpts, 0, d.name(), 0);
        run(p, d, settings, own, n -> { });
        assertTrue(Files.exists(own));
        Path temporary = ckpts.resolve("." + own.getFileName() + ".3fa9c0.tmp");
        Files.writeString(temporary, "half a checkpoint");
        Path notes = Files.writeString(ckpts.resolve("notes.txt"), "mine");
        Path lookalike = Files.writeString(ckpts.resolve("1-sam-0.ckpt"), "named like a checkpoint, but not one");
        Path nested = Files.createDirectories(ckpts.resolve("sub")).resolve(own.getFileName());
        Files.copy(own, nested);

        Ensemble.removeCheckpoints(ckpts);
        assertFalse(Files.exists(own));
        assertFalse(Files.exists(temporary));
        assertTrue(Files.exists(notes) && Files.exists(lookalike) && Files.exists(nested), "foreign files and folders stay");

        Files.delete(notes);
        Files.delete(lookalike);
        Files.delete(nested);
        Files.delete(nested.getParent());
        run(p, d, settings, own, n -> { });
        Ensemble.removeCheckpoints(ckpts);
        assertFalse(Files.exists(ckpts), "a folder left empty is removed");
        Ensemble.removeCheckpoints(ckpts); // and a missing one is no error
    }

    @ParameterizedTest
    @ValueSource(strings = {"eigen-sam"})
    void aCheckpointOfAnotherTrajectoryIsRefused(String name) throws IOException {
        Problem p = problem();
        Dynamics<?> d = method(name, p.train());
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(6).every(3).seeds(1).masterSeed(0).threads(1).hessian(false).hessianTolerance(1e-4).divergenceBound(1e6).checkpoints(2, dir).build();
        Path ckpt = Checkpoint.file(dir, 0, d.name(), 0);
        run(p, d, settings, ckpt, n -> { });
        CheckpointException other = assertThrows(CheckpointException.class, () -> Ensemble.trajectory(p, d, 1, 78, settings, ckpt, n -> { }));
        assertTrue(other.getMessage().contains("belongs to " + d.name() + " seed 0"), other.getMessage());
        Files.writeString(ckpt, "garbage");
        CheckpointException e = assertThrows(CheckpointException.class, () -> run(p, d, settings, ckpt, n -> { }));
        assertEquals(ckpt, e.file());
        assertEquals("garbage", Files.readString(ckpt), "a refused checkpoint is left as it is");
    }

    /** Where a byte is changed in a checkpoint. */
    enum Where { START, MIDDLE, END }

    /**
     * A checkpoint with one byte changed, at the start (the magic's length), in the middle (the
     * records or the state) or at the end (the trailer), is refused with an exception naming the
     * file and saying to delete it; nothing is resumed from it, and the file is left as it is.
     * Without the checksum a byte in the middle resumed in silence to different records.
     */
    @ParameterizedTest
    @EnumSource(Where.class)
    void aCheckpointWithOneByteChangedIsRefused(Where where) throws IOException {
        Problem p = problem();
        Dynamics<?> d = method("sam3", p.train());
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(24).every(3).seeds(1).masterSeed(0).threads(1).hessian(true).hessianTolerance(1e-4).divergenceBound(1e6).checkpoints(5, dir).build();
        Path ckpt = Checkpoint.file(dir, 0, d.name(), 0);
        long[] done = {0};
        assertThrows(IllegalStateException.class, () -> run(p, d, settings, ckpt, n -> {
            done[0] += n;
            if (done[0] == 13) {
                throw new IllegalStateException("simulated crash after step 13");
            }
        }));
        byte[] intact = Files.readAllBytes(ckpt);
        int at = switch (where) {
            case START -> 0;
            case MIDDLE -> intact.length / 2;
            case END -> intact.length - 1;
        };
        byte[] bad = intact.clone();
        bad[at] ^= (byte) 0x5a;
        Files.write(ckpt, bad);
        long[] progress = {0};
        CheckpointException e = assertThrows(CheckpointException.class, () -> run(p, d, settings, ckpt, n -> progress[0] += n));
        assertEquals(ckpt, e.file());
        assertTrue(e.getMessage().startsWith("checkpoint " + ckpt + " is corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the file and resume again"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(0, progress[0], "no step was taken");
        assertArrayEquals(bad, Files.readAllBytes(ckpt), "the corrupt file is left as it is, for the user to look at");

        // the intact file resumes to the uninterrupted run's records
        Files.write(ckpt, intact);
        Ensemble.Trajectory whole = run(p, d, Ensemble.Settings.builder().steps(24).every(3).seeds(1).masterSeed(0).threads(1).hessian(true).build(), null, n -> { });
        assertEquals(strip(whole.records()), strip(run(p, d, settings, ckpt, n -> { }).records()));
    }

    /** Every single changed byte of a checkpoint, anywhere in it, is caught (CRC32C catches every error burst up to 32 bits). */
    @Test
    void everySingleByteChangeIsCaught() throws IOException {
        Problem p = problem();
        Dynamics<?> d = method("eigen-sam", p.train());
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(6).every(3).seeds(1).masterSeed(0).threads(1).hessian(false).hessianTolerance(1e-4).divergenceBound(1e6).checkpoints(2, dir).build();
        Path ckpt = Checkpoint.file(dir, 0, d.name(), 0);
        run(p, d, settings, ckpt, n -> { });
        byte[] intact = Files.readAllBytes(ckpt);
        for (int i = 0; i < intact.length; i++) {
            byte[] bad = intact.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(ckpt, bad);
            int at = i;
            CheckpointException e = assertThrows(CheckpointException.class, () -> read(p, d, ckpt), "byte " + at + " of " + intact.length);
            assertEquals(ckpt, e.file());
        }
        for (int cut : new int[] {0, 1, 2, intact.length / 2, intact.length - 4, intact.length - 1}) {
            Files.write(ckpt, java.util.Arrays.copyOf(intact, cut));
            assertThrows(CheckpointException.class, () -> read(p, d, ckpt), "cut to " + cut + " bytes");
        }
        Files.write(ckpt, intact);
        assertTrue(read(p, d, ckpt).finished());
    }

    /** A checkpoint of the format before checksums is refused as such, and is still samsde's own to remove. */
    @Test
    void aCheckpointOfAnOlderFormatIsRefusedByName() throws IOException {
        Problem p = problem();
        Dynamics<?> d = method("sam2", p.train());
        Path ckpt = Checkpoint.file(dir, 0, d.name(), 0);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(ckpt))) {
            out.writeUTF("samsde-checkpoint-2");
            out.writeUTF(d.name());
            out.writeInt(0);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> read(p, d, ckpt));
        assertTrue(e.getMessage().contains("older samsde (format samsde-checkpoint-2, without a checksum)"), e.getMessage());
        assertTrue(Checkpoint.isOwn(ckpt));
    }

    private static <S extends Dynamics.State> Checkpoint.Header read(Problem p, Dynamics<S> d, Path file) throws IOException {
        org.samsde.core.tensor.Tensor x0 = BE.upload(p.x0(), p.dimension());
        S state = d.init(x0, 77);
        x0.close();
        Recorder recorder = new Recorder(p, d, false, 1e-4, 5);
        return Checkpoint.read(file, d, state, recorder, 0, 77, p.dimension());
    }

    /** Records without their wall times, which differ between runs. */
    private static List<List<Double>> strip(List<Record> records) {
        return records.stream().map(r -> {
            java.util.List<Double> v = new java.util.ArrayList<>();
            v.add((double) r.step());
            v.add(r.time());
            for (double m : r.metrics()) {
                v.add(m);
            }
            v.add(r.diverged() ? 1.0 : 0.0);
            return v;
        }).toList();
    }
}
