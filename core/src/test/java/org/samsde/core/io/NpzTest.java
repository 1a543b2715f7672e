package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.samsde.core.io.Fixtures.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"savez.npz", "savez_compressed.npz"})
    void readsNumpyArchivesInOrder(String name) {
        Map<String, NpyArray> arrays = Npz.read(Fixtures.path(name));
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(arrays.keySet()));
        assertEquals(Fixtures.archive(), arrays);
    }

    @Test
    void roundTripsEveryFixtureArrayInOrder() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("z_last_name_first", NpyArray.scalar(-0.0));
        arrays.putAll(Fixtures.saved());
        arrays.putAll(Fixtures.otherValid());
        arrays.put("dir/nested", NpyArray.ofInts(new int[] {1}, 1));
        Path path = dir.resolve("out/all.npz");
        Npz.write(path, arrays);
        Map<String, NpyArray> read = Npz.read(path);
        assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(read.keySet()));
        assertEquals(arrays, read);
    }

    @Test
    void writesStoredEntriesWithNpyContent() throws IOException {
        Path path = dir.resolve("a.npz");
        Npz.write(path, Fixtures.archive());
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                names.add(entry.getName());
                assertEquals(ZipEntry.STORED, entry.getMethod());
            }
            assertEquals(List.of("a.npy", "b.npy", "c.npy"), names);
            byte[] a = zip.getInputStream(zip.getEntry("a.npy")).readAllBytes();
            assertArrayEquals(Files.readAllBytes(Fixtures.path("f8_2d.npy")), a);
        }
    }

    @Test
    void writesReproducibleArchives() throws IOException {
        Path first = dir.resolve("first.npz");
        Path second = dir.resolve("second.npz");
        Npz.write(first, Fixtures.archive());
        Npz.write(second, Fixtures.archive());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void writesAndReadsEmptyArchive() throws IOException {
        Path path = dir.resolve("empty.npz");
        Npz.write(path, Map.of());
        assertEquals(Map.of(), Npz.read(path));
    }

    @Test
    void rejectsEmptyNames() {
        Map<String, NpyArray> arrays = Map.of("", NpyArray.scalar(1));
        assertThrows(IllegalArgumentException.class, () -> Npz.write(dir.resolve("x.npz"), arrays));
    }

    @Test
    void rejectsEntryThatIsNotAnNpyFile() {
        Path path = Fixtures.path("bad_entry.npz");
        assertInvalid(() -> Npz.read(path), path.toString(), "not a valid npz file",
                "'notes.txt' is not an .npy file");
    }

    @Test
    void rejectsDuplicateNames() {
        Path path = Fixtures.path("bad_duplicate.npz");
        assertInvalid(() -> Npz.read(path), path.toString(), "'a.npy' appears more than once");
    }

    @Test
    void reportsBrokenMemberWithArchiveAndEntry() {
        Path path = Fixtures.path("bad_member.npz");
        assertInvalid(() -> Npz.read(path), path.toString(), "[entry a.npy]", "truncated data");
    }

    @Test
    void rejectsFilesThatAreNotZipArchives() {
        for (String name : new String[] {"bad_magic.npy", "f8_2d.npy"}) {
            Path path = Fixtures.path(name);
            assertInvalid(() -> Npz.read(path), path.toString(), "not a valid npz file");
        }
    }

    @Test
    void rejectsTruncatedAndCorruptArchives() throws IOException {
        byte[] archive = Files.readAllBytes(Fixtures.path("savez_compressed.npz"));
        for (int length : new int[] {0, 10, archive.length / 2, archive.length - 1}) {
            Path cut = Files.write(dir.resolve("cut" + length + ".npz"),
                    Arrays.copyOf(archive, length));
            assertInvalid(() -> Npz.read(cut), cut.toString());
        }
        byte[] corrupt = archive.clone();
        for (int i = 60; i < 200; i++) {
            corrupt[i] ^= 0x55;
        }
        Path path = Files.write(dir.resolve("corrupt.npz"), corrupt);
        assertInvalid(() -> Npz.read(path), path.toString() + " [entry a.npy]",
                "not a valid npz file (corrupt entry");
    }

    @Test
    void missingFileAndDirectoryAreReported() {
        Path missing = dir.resolve("missing.npz");
        assertInvalid(() -> Npz.read(missing), missing.toString(), "file not found");
        assertInvalid(() -> Npz.read(dir), dir.toString(), "is a directory");
    }
}
