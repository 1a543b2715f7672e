package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesContentAndCreatesParents() throws IOException {
        Path target = dir.resolve("x/y/out.csv");
        AtomicFiles.write(target, out -> out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a,b\n1,2\n", Files.readString(target));
        assertEquals(List.of("out.csv"), listNames(target.getParent()));
    }

    @Test
    void replacesExistingFile() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        AtomicFiles.write(target, out -> out.write('n'));
        assertEquals("n", Files.readString(target));
        assertEquals(List.of("out.txt"), listNames(dir));
    }

    @Test
    void failingBodyLeavesOldFileIntactAndNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old content");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target,
                out -> {
                    out.write(new byte[100_000]);
                    throw failure;
                }));
        assertSame(failure, thrown);
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of("out.txt"), listNames(dir));

        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(failure);
        }));
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of("out.txt"), listNames(dir));
    }

    @Test
    void failingBodyCreatesNoTarget() {
        Path target = dir.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), listNames(dir));
    }

    @Test
    void failingNpyWriteLeavesOldArrayIntact() throws IOException {
        Path target = dir.resolve("a.npy");
        Npy.write(target, NpyArray.scalar(1));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            Npy.write(out, NpyArray.scalar(2));
            throw new IOException("interrupted");
        }));
        assertEquals(NpyArray.scalar(1), Npy.read(target));
    }

    @Test
    void bodyMayCloseTheStream() throws IOException {
        Path target = dir.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write("done".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("done", Files.readString(target));
    }

    @Test
    void resultHasThePermissionsOfAPlainlyCreatedFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.write(atomic, out -> out.write('x'));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(atomic));
    }

    private static List<String> listNames(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
