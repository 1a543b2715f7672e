package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SAM-SDE literature's test problems, written with the jet API, run in every command that
 * takes a model: train, sde, compare, derive and spectrum, each on its data generator.
 */
class LiteratureProblemsCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "diag-linear:6|sparse-regression:n=64,d=6,k=2,noise=0.1,seed=1",
        "deep-linear:6-4-1|sparse-regression:n=64,d=6,k=2,noise=0.1,seed=1",
        "matrix-sensing:4,2|sensing:n=64,d=4,r=2,seed=1"})
    void everyCommandRunsIt(String model, String data) {
        String[] small = {"--model", model, "--data", data, "--steps", "6", "--every", "3", "--seeds", "2", "--threads", "1", "--quiet"};
        Cli.Run train = Cli.run(join(new String[] {"train", "--optimizer", "sam", "--batch", "8", "--out", tmp.resolve("train").toString()}, small));
        assertEquals(0, train.code(), "train: " + train.err());
        Cli.Run sde = Cli.run(join(new String[] {"sde", "--sde", "sam3", "--batch", "8", "--substeps", "1", "--out", tmp.resolve("sde").toString()},
                small));
        assertEquals(0, sde.code(), "sde: " + sde.err());
        Cli.Run compare = Cli.run(join(new String[] {"compare", "--methods", "sgd,sam,sam2", "--batch", "8", "--substeps", "1", "--out",
            tmp.resolve("compare").toString()}, small));
        assertEquals(0, compare.code(), "compare: " + compare.err());
        Path npz = tmp.resolve("d.npz");
        Cli.Run derive = Cli.run("derive", "--model", model, "--data", data, "--out", npz.toString(), "--quiet");
        assertEquals(0, derive.code(), "derive: " + derive.err());
        assertTrue(Files.isRegularFile(npz));
        Cli.Run spectrum = Cli.run("spectrum", "--params", tmp.resolve("train").resolve("params.npy").toString(), "--method", "lanczos",
                "--out", tmp.resolve("spectrum").toString(), "--quiet");
        assertEquals(0, spectrum.code(), "spectrum (model read from the train run): " + spectrum.err());
    }

    private static String[] join(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
