package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samsde.core.io.Fixtures.assertInvalid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the NumPy-written fixtures and compares {@link Npy#write} with {@code np.save}. */
class NpyFixturesTest {

    static Stream<Arguments> saved() {
        return Fixtures.saved().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Stream<Arguments> otherValid() {
        return Fixtures.otherValid().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"saved", "otherValid"})
    void readsFixture(String name, NpyArray expected) {
        NpyArray actual = Npy.read(Fixtures.path(name + ".npy"));
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("saved")
    void writesTheBytesNpSaveWrites(String name, NpyArray expected) throws IOException {
        byte[] numpy = Files.readAllBytes(Fixtures.path(name + ".npy"));
        assertArrayEquals(numpy, Fixtures.toBytes(expected));
        assertArrayEquals(numpy, Fixtures.toBytes(Npy.read(Fixtures.path(name + ".npy"))));
    }

    @Test
    void writesFilesIdenticalToNpSave(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, NpyArray> entry : Fixtures.saved().entrySet()) {
            Path written = dir.resolve(entry.getKey() + ".npy");
            Npy.write(written, entry.getValue());
            assertArrayEquals(Files.readAllBytes(Fixtures.path(entry.getKey() + ".npy")),
                    Files.readAllBytes(written), entry.getKey());
        }
    }

    @Test
    void bigEndianAndNewerVersionsAreRewrittenAsLittleEndianVersionOne() throws IOException {
        for (String name : Fixtures.otherValid().keySet()) {
            NpyArray array = Npy.read(Fixtures.path(name + ".npy"));
            byte[] rewritten = Fixtures.toBytes(array);
            assertEquals(1, rewritten[6], name);
            assertEquals(array, Npy.read(new ByteArrayInputStream(rewritten), name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad_truncated.npy | truncated data: shape (2, 3) of dtype '<f8' needs 48 bytes but only 43",
        "bad_trailing.npy  | trailing garbage: 7 bytes follow the 40 bytes of data",
        "bad_fortran.npy   | fortran_order True is not supported; save with np.ascontiguousarray",
        "bad_complex.npy   | unsupported dtype '<c16'",
        "bad_bool.npy      | unsupported dtype '|b1'",
        "bad_object.npy    | unsupported dtype '|O' (object arrays cannot be read",
        "bad_magic.npy     | not an npy file (bad magic",
    })
    void rejectsBrokenFixture(String name, String problem) {
        Path path = Fixtures.path(name);
        assertInvalid(() -> Npy.read(path), path.toString(), problem);
    }
}
