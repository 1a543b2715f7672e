package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.InvalidInputException;

/**
 * The named image data sets on small files the test writes in the real formats: MNIST-style IDX
 * (plain and gzipped) and CIFAR-10 binary batches; subsets, normalisations, test splits, the data
 * directory, and the one-line messages for missing or defective data.
 */
class ImageDatasetsTest {
    @Test
    void theDefaultsAreWhatASpecNamingOnlyTheDataSetParsesTo() {
        assertEquals(ImageDatasets.Options.of("mnist"), ImageDatasets.parse("mnist"));
    }

    @TempDir
    Path root;

    /** Pixel k of image i of a generated set: distinct, deterministic bytes. */
    static int pixel(int i, int k, int salt) {
        return (i * 37 + k * 11 + salt) % 256;
    }

    /** Writes an MNIST-style folder: train of n images rows × cols, test of m, labels i mod 10 (train) and (i + 3) mod 10 (test). */
    static Path mnistFolder(Path dir, int n, int m, int rows, int cols, boolean gz) throws IOException {
        Files.createDirectories(dir);
        String ext = gz ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), dir.resolve("train-labels-idx1-ubyte" + ext), n, rows, cols, 0);
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), dir.resolve("t10k-labels-idx1-ubyte" + ext), m, rows, cols, 3);
        return dir;
    }

    private static void write(Path images, Path labels, int n, int rows, int cols, int salt) throws IOException {
        byte[] px = new byte[n * rows * cols];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                px[i * rows * cols + k] = (byte) pixel(i, k, salt);
            }
            y[i] = (byte) ((i + salt) % 10);
        }
        Idx.write(images, Idx.Array.ofUnsignedBytes(px, n, rows, cols));
        Idx.write(labels, Idx.Array.ofUnsignedBytes(y, n));
    }

    /** Writes CIFAR-10 batches of the given sizes (data_batch_1..k) and a test batch into dir. */
    static void cifarFolder(Path dir, int[] trainSizes, int testSize) throws IOException {
        Files.createDirectories(dir);
        int offset = 0;
        for (int b = 0; b < trainSizes.length; b++) {
            Cifar10.write(dir.resolve("data_batch_" + (b + 1) + ".bin"), cifarBatch(offset, trainSizes[b], 0));
            offset += trainSizes[b];
        }
        Cifar10.write(dir.resolve("test_batch.bin"), cifarBatch(0, testSize, 5));
    }

    static Cifar10.Batch cifarBatch(int first, int n, int salt) {
        byte[] px = new byte[n * Cifar10.IMAGE_BYTES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < Cifar10.IMAGE_BYTES; k++) {
                px[i * Cifar10.IMAGE_BYTES + k] = (byte) pixel(first + i, k, salt);
            }
            y[i] = (first + i + salt) % 10;
        }
        return new Cifar10.Batch(px, y);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mnistLoadsEveryImageInFileOrderScaledToTheUnitInterval(boolean gz) throws IOException {
        Path dir = mnistFolder(root.resolve("m"), 12, 5, 4, 3, gz);
        Split s = ImageDatasets.load("mnist:dir=" + dir);
        Dataset train = s.train();
        assertEquals(12, train.size());
        assertEquals(new ImageShape(1, 4, 3), train.imageShape().orElseThrow());
        assertEquals(5, s.test().size());
        double[] x = train.x();
        for (int i = 0; i < 12; i++) {
            assertEquals(i % 10, train.labels()[i]);
            for (int k = 0; k < 12; k++) {
                assertEquals(pixel(i, k, 0) / 255.0, x[i * 12 + k], 0.0);
            }
        }
        assertEquals((0 + 3) % 10, s.test().labels()[0]);
        assertEquals(pixel(4, 7, 3) / 255.0, s.test().x()[4 * 12 + 7], 0.0);
    }

    @Test
    void subsetsAreTheFirstImagesOrASeededRandomDrawInFileOrder() throws IOException {
        Path dir = mnistFolder(root.resolve("m"), 40, 20, 2, 2, false);
        Split first = ImageDatasets.load("mnist:dir=" + dir + ",n=7,test=3,norm=raw");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, first.train().labels());
        assertEquals(pixel(6, 3, 0), first.train().x()[6 * 4 + 3], 0.0);
        assertArrayEquals(new int[] {3, 4, 5}, first.test().labels());

        Split a = ImageDatasets.load("mnist:dir=" + dir + ",n=10,test=4,seed=5,norm=raw");
        Split b = ImageDatasets.load("mnist:dir=" + dir + ",n=10,test=4,seed=5,norm=raw");
        Split c = ImageDatasets.load("mnist:dir=" + dir + ",n=10,test=4,seed=6,norm=raw");
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
        assertNotEquals(a.train(), c.train());
        // every chosen image is an original one, distinct, in increasing file order
        double[] x = a.train().x();
        int previous = -1;
        for (int r = 0; r < 10; r++) {
            int source = -1;
            for (int i = 0; i < 40; i++) {
                if (x[r * 4] == pixel(i, 0, 0) && x[r * 4 + 1] == pixel(i, 1, 0)) {
                    source = i;
                }
            }
            assertTrue(source > previous, "row " + r + " comes from image " + source + " after " + previous);
            assertEquals(source % 10, a.train().labels()[r]);
            previous = source;
        }
        assertNull(ImageDatasets.load("mnist:dir=" + dir + ",test=0").test());
    }

    @Test
    void standardisationUsesTheTrainingStatisticsPerChannel() throws IOException {
        Path dir = root.resolve("c");
        cifarFolder(dir, new int[] {6, 6, 6, 6, 6}, 4);
        Split s = ImageDatasets.load("cifar10:dir=" + dir + ",norm=standard");
        Split unit = ImageDatasets.load("cifar10:dir=" + dir);
        double[] x = s.train().x();
        double[] u = unit.train().x();
        int plane = 1024;
        for (int ch = 0; ch < 3; ch++) {
            double sum = 0;
            double sq = 0;
            double usum = 0;
            double usq = 0;
            for (int i = 0; i < 30; i++) {
                for (int q = 0; q < plane; q++) {
                    double v = x[i * 3072 + ch * plane + q];
                    double w = u[i * 3072 + ch * plane + q];
                    sum += v;
                    sq += v * v;
                    usum += w;
                    usq += w * w;
                }
            }
            double count = 30.0 * plane;
            assertEquals(0.0, sum / count, 1e-12, "channel " + ch + " mean");
            assertEquals(1.0, sq / count, 1e-12, "channel " + ch + " variance");
            double mean = usum / count;
            double sd = Math.sqrt(usq / count - mean * mean);
            // the test images get the training statistics, not their own
            assertEquals((unit.test().x()[ch * plane + 5] - mean) / sd, s.test().x()[ch * plane + 5], 1e-12);
        }
    }

    @Test
    void cifarReadsItsBatchesInOrderAndOnlyAsManyAsTheFirstImagesNeed() throws IOException {
        Path dir = root.resolve("d").resolve("cifar-10-batches-bin");
        cifarFolder(dir, new int[] {3, 4, 2, 5, 1}, 6);
        Split all = ImageDatasets.load("cifar10:dir=" + dir.getParent() + ",norm=raw");
        assertEquals(15, all.train().size());
        assertEquals(Cifar10.SHAPE, all.train().imageShape().orElseThrow());
        for (int i = 0; i < 15; i++) {
            assertEquals(i % 10, all.train().labels()[i]);
            assertEquals(pixel(i, 2000, 0), all.train().x()[i * 3072 + 2000], 0.0);
        }
        assertEquals(6, all.test().size());
        assertEquals(5, all.test().labels()[0]);
        // first 5 images need batches 1 and 2 only: a defective batch 3 is not read
        Files.write(dir.resolve("data_batch_3.bin"), new byte[7]);
        assertEquals(5, ImageDatasets.load("cifar10:dir=" + dir + ",n=5").train().size());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageDatasets.load("cifar10:dir=" + dir + ",n=8"));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("3073-byte"), e.getMessage());
    }

    @Test
    void cifarBatchesRoundTripAndDefectsAreNamed() throws IOException {
        Cifar10.Batch b = cifarBatch(0, 3, 1);
        Path f = root.resolve("b.bin");
        Cifar10.write(f, b);
        assertEquals(3L * Cifar10.RECORD_BYTES, Files.size(f));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(1, bytes[0]);
        assertEquals((byte) pixel(0, 0, 1), bytes[1]);
        assertEquals(2, bytes[Cifar10.RECORD_BYTES]);
        Cifar10.Batch back = Cifar10.read(f);
        assertArrayEquals(b.labels(), back.labels());
        assertArrayEquals(b.pixels(), back.pixels());
        bytes[2 * Cifar10.RECORD_BYTES] = 10;
        Files.write(f, bytes);
        assertMessage(() -> Cifar10.read(f), "record 2 has the label 10");
        Files.write(f, Arrays.copyOf(bytes, 5000));
        assertMessage(() -> Cifar10.read(f), "5000 bytes");
        assertMessage(() -> Cifar10.read(root.resolve("none.bin")), "not found");
        assertThrows(IllegalArgumentException.class, () -> Cifar10.write(f, new Cifar10.Batch(new byte[Cifar10.IMAGE_BYTES], new int[] {12})));
    }

    @Test
    void theDataDirectoryComesFromThePropertyAndMissingSetsSayHowToInstallThem() throws IOException {
        Path data = root.resolve("data");
        mnistFolder(data.resolve("mnist"), 3, 2, 2, 2, true);
        String old = System.getProperty(ImageDatasets.DATA_PROPERTY);
        System.setProperty(ImageDatasets.DATA_PROPERTY, data.toString());
        try {
            assertEquals(data, ImageDatasets.dataDirectory());
            assertEquals(3, DataFiles.resolve("mnist").train().size());
            assertEquals(2, DataFiles.resolve("mnist:n=2,test=1").train().size());
            String m = assertMessage(() -> DataFiles.resolve("fashion-mnist"), "data set 'fashion-mnist' is not installed");
            assertTrue(m.contains("scripts/install-data fashion-mnist") && m.contains(data.resolve("fashion-mnist").toString()), m);
            String c = assertMessage(() -> DataFiles.resolve("cifar10:n=10"), "data set 'cifar10' is not installed");
            assertTrue(c.contains("cifar-10-binary.tar.gz") && c.contains("data_batch_1.bin"), c);
        } finally {
            if (old == null) {
                System.clearProperty(ImageDatasets.DATA_PROPERTY);
            } else {
                System.setProperty(ImageDatasets.DATA_PROPERTY, old);
            }
        }
    }

    @Test
    void badOptionsAndDefectiveFilesAreOneLineErrors() throws IOException {
        Path dir = mnistFolder(root.resolve("m"), 5, 2, 2, 2, false);
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",n=6"), "n must be at most 5");
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",test=3"), "test must be at most 2");
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",n=0"), "n=0 is out of range");
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",norm=minmax"), "norm must be one of unit, standard, raw");
        assertMessage(() -> ImageDatasets.load("mnist:size=3"), "unknown key 'size'");
        assertMessage(() -> ImageDatasets.load("mnist:dir="), "dir must be a non-empty value");
        assertMessage(() -> DataFiles.resolve("mnst"), "mnist[:...], fashion-mnist[:...], cifar10[:...]");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir), "no t10k-labels-idx1-ubyte[.gz]");
        assertEquals(5, ImageDatasets.load("mnist:dir=" + dir + ",test=0").train().size());
        Idx.write(dir.resolve("train-labels-idx1-ubyte"), Idx.Array.ofUnsignedBytes(new byte[] {1, 2, 3, 4}, 4));
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",test=0"), "expected 5 unsigned-byte labels");
        Idx.write(dir.resolve("train-labels-idx1-ubyte"), Idx.Array.ofUnsignedBytes(new byte[] {1, 2, 3, 4, 11}, 5));
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",test=0"), "label 11 of image 4 is not a class 0..9");
        Idx.write(dir.resolve("train-images-idx3-ubyte"), Idx.Array.ofUnsignedBytes(new byte[20], 5, 4));
        assertMessage(() -> ImageDatasets.load("mnist:dir=" + dir + ",test=0"), "shape (n, rows, columns)");
    }

    @Test
    void imageArraysInNpzFilesKeepTheirShape() throws IOException {
        Dataset images = Dataset.images(new double[2 * 12], new ImageShape(3, 2, 2), new int[] {0, 1});
        Path f = root.resolve("img.npz");
        DataFiles.save(f, new Split(images, images.subset(new int[] {1})));
        assertArrayEquals(new int[] {2, 3, 2, 2}, org.samsde.core.io.Npz.read(f).get("X").shape());
        Split back = DataFiles.load(f);
        assertEquals(images, back.train());
        assertEquals(new ImageShape(3, 2, 2), back.test().imageShape().orElseThrow());
        Dataset flat = Dataset.classification(new double[12], 12, new int[] {0});
        DataFiles.save(f, new Split(images, flat));
        assertMessage(() -> DataFiles.load(f), "X holds 3x2x2 images but X_test holds flat features");
    }

    private static String assertMessage(org.junit.jupiter.api.function.Executable action, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }
}
