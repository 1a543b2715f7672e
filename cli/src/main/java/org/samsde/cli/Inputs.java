package org.samsde.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/** Reading and checking the array files that commands take as options. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Reads a vector of a known length from an .npy file.
     *
     * @param file the file
     * @param option the option that named it, for messages (e.g. {@code --params})
     * @param length the required number of elements
     * @param what what the length is, for messages (e.g. "the model's parameter count")
     * @return the values, all finite
     * @throws InvalidInputException naming the option, the file and the problem
     */
    static double[] vector(Path file, String option, int length, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(option + ": file not found: " + file);
        }
        NpyArray a = Npy.read(file);
        if (a.rank() != 1) {
            throw new InvalidInputException(option + " " + file + ": expected a 1-d array of " + length
                    + " values, got shape " + Arrays.toString(a.shape()));
        }
        if (a.size() != length) {
            throw new InvalidInputException(option + " " + file + ": has " + a.size() + " values but " + what + " is " + length);
        }
        double[] v = a.doubles();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException(option + " " + file + ": non-finite value " + v[i] + " at index " + i);
            }
        }
        return v;
    }

    /**
     * Checks that a run directory can be used: a non-empty path that is not an existing regular
     * file, and, when it does not exist yet, whose nearest existing ancestor is a writable directory.
     *
     * @param dir the directory
     * @param option the option that named it
     * @return dir
     */
    static Path outputDirectory(Path dir, String option) {
        nonEmpty(dir, option);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(option + ": " + dir + " is a file, expected a directory");
        }
        creatable(dir, option);
        return dir;
    }

    /**
     * Checks that an output path can be written: a non-empty path that is not an existing
     * directory, whose nearest existing ancestor is a writable directory.
     *
     * @param file the output
     * @param option the option that named it
     * @return file
     */
    static Path output(Path file, String option) {
        nonEmpty(file, option);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + ": " + file + " is a directory, expected a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            creatable(parent, option);
        }
        return file;
    }

    /** A path option must not be empty (an empty path would mean the working directory). */
    static void nonEmpty(Path path, String option) {
        if (path == null || path.toString().isBlank()) {
            throw new InvalidInputException(option + " must not be empty");
        }
    }

    /** The nearest existing ancestor of a directory to create must be a writable directory. */
    private static void creatable(Path dir, String option) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || p.equals(dir.toAbsolutePath().normalize())) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new InvalidInputException(option + ": cannot create " + dir + ": " + p + " is a file, not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException(option + ": cannot create " + dir + ": " + p + " is not writable");
        }
    }
}
