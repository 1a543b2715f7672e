package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads files written by {@link Npy} and {@link Npz} with NumPy itself and compares them, bit
 * for bit, with the arrays {@code make_fixtures.py} defines. Skipped when {@code python3} or
 * NumPy is not installed (NumPy is no dependency of the project).
 */
class NumpyInteropTest {

    private static final String CHECK = """
            import os, sys
            import numpy as np
            sys.path.insert(0, sys.argv[1])
            import make_fixtures as m
            out = sys.argv[2]

            def same(actual, expected):
                little = expected.astype(expected.dtype.newbyteorder('<'))
                return (actual.dtype.str == little.dtype.str and actual.shape == little.shape
                        and actual.tobytes() == little.tobytes())

            expected = dict(m.SAVED, be_f8=m.be_f8, be_i4=m.be_i4, v2_f8=m.v2_f8, v3_i8=m.v3_i8)
            bad = [n for n, e in expected.items()
                   if not same(np.load(os.path.join(out, n + '.npy')), e)]
            with np.load(os.path.join(out, 'archive.npz')) as z:
                if z.files != ['a', 'b', 'c']:
                    bad.append('npz names ' + repr(z.files))
                bad += ['npz ' + k for k, e in zip('abc', [m.f8_2d, m.i4_2d, m.f8_0d])
                        if not same(z[k], e)]
            print('mismatches:', bad)
            sys.exit(1 if bad else 0)
            """;

    @TempDir
    Path dir;

    @Test
    void numpyLoadsWhatWeWrite() throws IOException, InterruptedException {
        assumeTrue(run(List.of("python3", "-c", "import numpy")).exitCode == 0,
                "python3 with numpy is not available");
        Map<String, NpyArray> arrays = Fixtures.saved();
        arrays.putAll(Fixtures.otherValid());
        for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
            Npy.write(dir.resolve(entry.getKey() + ".npy"), entry.getValue());
        }
        Npz.write(dir.resolve("archive.npz"), Fixtures.archive());
        Path scripts = Fixtures.path("make_fixtures.py").getParent();
        Result result = run(List.of("python3", "-c", CHECK, scripts.toString(), dir.toString()));
        assertEquals(0, result.exitCode, result.output);
    }

    private record Result(int exitCode, String output) {}

    /** Runs a command with its output going to a file, so that no pipe can fill up. */
    private Result run(List<String> command) throws InterruptedException {
        try {
            Path log = Files.createTempFile(dir, "python", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }
}
