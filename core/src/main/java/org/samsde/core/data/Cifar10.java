package org.samsde.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;

/**
 * The binary version of CIFAR-10 ({@code cifar-10-binary.tar.gz} from
 * https://www.cs.toronto.edu/~kriz/cifar.html, extracted to {@code cifar-10-batches-bin/}).
 *
 * <p>A batch file ({@code data_batch_1.bin} … {@code data_batch_5.bin} for training,
 * {@code test_batch.bin} for testing, 10,000 images each) is a sequence of 3,073-byte records: one
 * label byte (0…9), then the 32 × 32 image as 1,024 red, 1,024 green and 1,024 blue bytes, each
 * channel row-major: exactly the (C, H, W) order of {@link ImageShape} 3 × 32 × 32. Labels name the
 * classes airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck.
 */
public final class Cifar10 {
    /** Bytes of one image, 3·32·32. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Bytes of one record: the label byte and the image. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** The shape of every image. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    /** The number of classes. */
    public static final int CLASSES = 10;

    private Cifar10() {
    }

    /**
     * Images and labels as stored: unsigned pixel bytes, image after image in (C, H, W) order.
     *
     * @param pixels count·{@link #IMAGE_BYTES} bytes; not copied
     * @param labels one label 0…9 per image; not copied
     */
    public record Batch(byte[] pixels, int[] labels) {
        /**
         * Checks the lengths. * @throws IllegalArgumentException if the pixels are not one image per label.
         *
         * @param pixels count·{@link #IMAGE_BYTES} bytes; not copied
         * @param labels one label 0…9 per image; not copied
         */
        public Batch {
            if ((long) labels.length * IMAGE_BYTES != pixels.length) {
                throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * IMAGE_BYTES
                        + " pixel bytes, got " + pixels.length);
            }
        }

        /** @return the number of images */
        public int size() {
            return labels.length;
        }
    }

    /**
     * Reads one batch file.
     *
     * @param file a {@code *_batch*.bin} file
     * @return its images and labels
     * @throws InvalidInputException naming the file if it is missing, unreadable, empty, not a
     *     whole number of 3,073-byte records, or holds a label outside 0…9 (naming the record)
     */
    public static Batch read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("CIFAR-10 batch file not found: " + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0 || size % RECORD_BYTES != 0 || size > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file + ": " + size + " bytes is not a positive whole number of "
                        + RECORD_BYTES + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length % RECORD_BYTES != 0) {
            throw new InvalidInputException(file + ": changed while being read");
        }
        int n = bytes.length / RECORD_BYTES;
        int[] labels = new int[n];
        byte[] pixels = new byte[n * IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            int label = bytes[i * RECORD_BYTES] & 0xff;
            if (label >= CLASSES) {
                throw new InvalidInputException(file + ": record " + i + " has the label " + label + ", not a class 0..9");
            }
            labels[i] = label;
            System.arraycopy(bytes, i * RECORD_BYTES + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
        }
        return new Batch(pixels, labels);
    }

    /**
     * Writes a batch file in the same format, atomically.
     *
     * @param file the file, replaced if it exists
     * @param batch the images and labels (labels 0…9)
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     * @throws IllegalArgumentException if a label is outside 0…9
     */
    public static void write(Path file, Batch batch) throws IOException {
        for (int label : batch.labels()) {
            if (label < 0 || label >= CLASSES) {
                throw new IllegalArgumentException("CIFAR-10 label " + label + " is not a class 0..9");
            }
        }
        AtomicFiles.write(file, out -> {
            for (int i = 0; i < batch.size(); i++) {
                out.write(batch.labels()[i]);
                out.write(batch.pixels(), i * IMAGE_BYTES, IMAGE_BYTES);
            }
        });
    }
}
