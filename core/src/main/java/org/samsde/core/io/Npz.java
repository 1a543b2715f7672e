package org.samsde.core.io;

import static org.samsde.core.io.Npy.invalid;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.samsde.core.InvalidInputException;

/**
 * Reads and writes NumPy {@code .npz} archives: zip files whose entries {@code <name>.npy} each
 * hold one array, as written by {@code np.savez} (stored entries) and {@code
 * np.savez_compressed} (deflated entries).
 *
 * <p>{@link #write} stores the entries uncompressed, like {@code np.savez}: array data rarely
 * compresses well and stored entries are quick to write and read. Entry timestamps are fixed
 * (1980-01-01 00:00), so equal maps give byte-identical archives.
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    /** The earliest time a zip entry can carry; used for every entry, for reproducible files. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /**
     * Reads all arrays of an {@code .npz} archive.
     *
     * @param path the archive
     * @return the arrays by name (the entry name without {@code .npy}), in archive order
     * @throws InvalidInputException if the file is missing or unreadable, is not a zip archive,
     *     holds an entry that is not an {@code .npy} file or holds the same name twice, or if an
     *     entry is not a valid {@code .npy} array of a supported dtype; the message names the
     *     archive, the entry and the problem
     */
    public static Map<String, NpyArray> read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw invalid(source, "is a directory, not an npz file");
        }
        if (!Files.exists(path)) {
            throw invalid(source, "file not found");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = arrayName(entry, source);
                if (arrays.containsKey(name)) {
                    throw invalid(source, "not a valid npz file: the entry '" + entry.getName()
                            + "' appears more than once");
                }
                String entrySource = source + " [entry " + entry.getName() + "]";
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(name, Npy.read(in, entrySource, -1));
                } catch (ZipException e) {
                    throw invalid(entrySource, "not a valid npz file (corrupt entry: "
                            + e.getMessage() + ")", e);
                } catch (IOException e) {
                    throw Npy.ioFailure(entrySource, e);
                }
            }
            return arrays;
        } catch (ZipException e) {
            throw invalid(source, "not a valid npz file (not a zip archive: " + e.getMessage()
                    + ")", e);
        } catch (IOException e) {
            throw Npy.ioFailure(source, e);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // java.util.zip reports some corrupt archives (malformed entry names, bad offsets)
            // with unchecked exceptions.
            throw invalid(source, "not a valid npz file (corrupt zip archive: " + e + ")", e);
        }
    }

    private static String arrayName(ZipEntry entry, String source) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(SUFFIX)) {
            throw invalid(source, "not a valid npz file: the entry '" + name
                    + "' is not an .npy file");
        }
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /**
     * Writes arrays to an {@code .npz} archive atomically (see {@link AtomicFiles#write}), one
     * stored entry {@code <name>.npy} per array in the map's iteration order, readable with
     * {@code np.load}.
     *
     * @param path the archive, replaced if it exists
     * @param arrays the arrays by name; names must be non-empty
     * @throws IllegalArgumentException if a name is null or empty
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(Path path, Map<String, NpyArray> arrays) throws IOException {
        for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isEmpty()) {
                throw new IllegalArgumentException("npz array names must be non-empty");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("no array for the npz name " + entry.getKey());
            }
        }
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
                zip.putNextEntry(storedEntry(entry.getKey() + SUFFIX, entry.getValue()));
                Npy.write(zip, entry.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * A stored entry must announce its size and CRC before its data; both come from a first pass
     * of the serialisation that writes nowhere.
     */
    private static ZipEntry storedEntry(String name, NpyArray array) throws IOException {
        CountingStream counter = new CountingStream();
        CheckedOutputStream checked = new CheckedOutputStream(counter, new CRC32());
        Npy.write(checked, array);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(counter.count);
        entry.setCompressedSize(counter.count);
        entry.setCrc(checked.getChecksum().getValue());
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    /** Discards bytes, counting them. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
