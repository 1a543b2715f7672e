package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input whose content is real but larger than the heap (a small .npz that decompresses to
 * 128 MiB, read with a 64 MiB heap) ends in one line and exit code 2, not in an OutOfMemoryError.
 */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    /** Writes an .npz whose X is rows × 2 zeros (float64), deflated to a small file. */
    private static void zeros(Path file, int rows) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", 2), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("X.npy"));
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
            zip.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1 << 20];
            OutputStream out = zip;
            for (long left = (long) rows * 16; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            zip.closeEntry();
        }
    }

    @Test
    void anInputLargerThanTheHeapGivesOneLineAndExitCodeTwo() throws Exception {
        Path npz = dir.resolve("big.npz");
        zeros(npz, 8 << 20);
        assertTrue(Files.size(npz) < 4 << 20, "the archive itself is small: " + Files.size(npz));
        Path out = dir.resolve("never");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-Dsamsde.noProgress=true", "-cp", System.getProperty("java.class.path"),
                "org.samsde.cli.Main", "train", "--data", npz.toString(), "--steps", "2", "--out", out.toString());
        Path log = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String err = Files.readString(log);
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("samsde train: ") && err.contains("too large for the heap"), err);
        assertFalse(err.contains("Exception") || err.contains("Error"), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
