package org.samsde.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.samsde.core.InvalidInputException;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.NpyType;
import org.samsde.core.io.Npz;

/**
 * Data sets in NumPy {@code .npz} files, and {@link #resolve} from a data specification string.
 *
 * <p>File layout, as {@code np.savez(path, X=..., y=..., X_test=..., y_test=...)} writes it:
 *
 * <ul>
 *   <li>{@code X}: the features, shape {@code (n, features)}, any supported dtype ({@code
 *       float64}, {@code float32}, {@code int64}, {@code int32}); integers are converted to
 *       doubles and must be exactly representable. Images may be given as shape {@code (n,
 *       channels, height, width)}: the data set then carries that {@link ImageShape}, each row
 *       holding one image in (C, H, W) order.
 *   <li>{@code y}: an integer array of shape {@code (n,)} holds class labels (each at least 0); a
 *       float array of shape {@code (n,)} holds regression targets of width 1, and one of shape
 *       {@code (n, out)} targets of width {@code out}.
 *   <li>{@code X_test}, {@code y_test}: an optional test set, both or neither, with as many
 *       features (and the same image shape) as {@code X} and a {@code y_test} of the same kind (labels or targets) and width
 *       as {@code y}.
 * </ul>
 *
 * <p>All values of {@code X} and of a float {@code y} must be finite. Other arrays in the file are
 * ignored, so a file may carry extra information (for example the generating parameters).
 */
public final class DataFiles {

    /** Data specification names and what they produce; named data sets are added here. */
    private static final Map<String, Function<String, Split>> GENERATORS = Map.of(
            Blobs.NAME, spec -> Blobs.parse(spec).generate(),
            TeacherStudent.NAME, spec -> TeacherStudent.parse(spec).generate(),
            SparseRegression.NAME, spec -> SparseRegression.parse(spec).generate(),
            MatrixSensing.NAME, spec -> MatrixSensing.parse(spec).generate(),
            "mnist", ImageDatasets::load,
            "fashion-mnist", ImageDatasets::load,
            "cifar10", ImageDatasets::load);

    /** What {@link #resolve} accepts, for messages. */
    private static final String ACCEPTED = "expected blobs:..., teacher:..., sparse-regression:..., sensing:..., mnist[:...], fashion-mnist[:...], cifar10[:...], "
            + "or a path to an .npz file";

    private DataFiles() {}

    /**
     * Reads a data set from an {@code .npz} file in the layout described in the class comment.
     *
     * @param npz the file
     * @return the training set from {@code X}, {@code y} and, when present, the test set from
     *     {@code X_test}, {@code y_test}
     * @throws InvalidInputException if the file is missing or not a valid {@code .npz} file, or
     *     an array is missing, has the wrong dtype or shape, a non-finite value or a negative
     *     label, or the arrays disagree in rows, features, kind or width; the message names the
     *     file and the array
     */
    public static Split load(Path npz) {
        if (!Files.exists(npz)) {
            throw new InvalidInputException("data file not found: " + npz);
        }
        Map<String, NpyArray> arrays = Npz.read(npz);
        String file = npz.toString();
        Dataset train = dataset(file, arrays, "X", "y");
        boolean hasX = arrays.containsKey("X_test");
        boolean hasY = arrays.containsKey("y_test");
        if (hasX != hasY) {
            throw invalid(file, "has " + (hasX ? "X_test but no y_test" : "y_test but no X_test")
                    + " (a test set needs both)");
        }
        if (!hasX) {
            return new Split(train, null);
        }
        Dataset test = dataset(file, arrays, "X_test", "y_test");
        if (test.features() != train.features()) {
            throw invalid(file, "X has " + train.features() + " features but X_test has " + test.features());
        }
        if (!test.imageShape().equals(train.imageShape())) {
            throw invalid(file, "X holds " + train.imageShape().map(s -> s + " images").orElse("flat features")
                    + " but X_test holds " + test.imageShape().map(s -> s + " images").orElse("flat features"));
        }
        if (test.isClassification() != train.isClassification()) {
            throw invalid(file, "y holds " + kind(train) + " but y_test holds " + kind(test));
        }
        if (test.targetWidth() != train.targetWidth()) {
            throw invalid(file, "y has " + train.targetWidth() + " targets per sample but y_test has "
                    + test.targetWidth());
        }
        return new Split(train, test);
    }

    private static String kind(Dataset data) {
        return data.isClassification() ? "class labels (integer dtype)" : "regression targets (float dtype)";
    }

    /** Builds one data set from the arrays {@code xName} and {@code yName}. */
    private static Dataset dataset(String file, Map<String, NpyArray> arrays, String xName, String yName) {
        NpyArray xArray = require(file, arrays, xName, "(n, features)");
        NpyArray yArray = require(file, arrays, yName, "(n,) or (n, outputs)");
        int[] xShape = xArray.shape();
        if (xShape.length != 2 && xShape.length != 4) {
            throw invalid(file, xName + " has shape " + shape(xShape) + " but must have shape (n, features) "
                    + "or (n, channels, height, width)");
        }
        int rows = xShape[0];
        long size = 1;
        for (int i = 1; i < xShape.length; i++) {
            size *= xShape[i];
        }
        if (rows == 0 || size == 0) {
            throw invalid(file, xName + " has shape " + shape(xShape) + " but needs at least one row and one feature");
        }
        int features = (int) size;
        ImageShape image = xShape.length == 4 ? new ImageShape(xShape[1], xShape[2], xShape[3]) : null;
        Dataset data = dataset(file, xArray, xName, rows, features, yArray, yName);
        return image == null ? data : data.withImageShape(image);
    }

    /** Builds one data set from X (rows × features) and y. */
    private static Dataset dataset(String file, NpyArray xArray, String xName, int rows, int features,
                                   NpyArray yArray, String yName) {
        double[] x = values(file, xArray, xName);
        requireFinite(file, x, features, xName);
        int[] yShape = yArray.shape();
        if (yShape.length == 0 || yShape[0] != rows) {
            throw invalid(file, xName + " has " + rows + " rows but " + yName + " has shape " + shape(yShape)
                    + ", not (" + rows + ",) or (" + rows + ", outputs)");
        }
        if (isInteger(yArray.dtype())) {
            if (yShape.length != 1) {
                throw invalid(file, yName + " has an integer dtype and shape " + shape(yShape)
                        + ": class labels must have shape (n,); regression targets need a float dtype");
            }
            return Dataset.classification(x, features, labels(file, yArray, yName));
        }
        if (yShape.length > 2 || (yShape.length == 2 && yShape[1] == 0)) {
            throw invalid(file, yName + " has shape " + shape(yShape) + " but must have shape (n,) or (n, outputs)");
        }
        int width = yShape.length == 1 ? 1 : yShape[1];
        double[] targets = yArray.doubles();
        requireFinite(file, targets, width, yName);
        return Dataset.regression(x, features, targets, width);
    }

    private static NpyArray require(String file, Map<String, NpyArray> arrays, String name, String shape) {
        NpyArray array = arrays.get(name);
        if (array == null) {
            throw invalid(file, "has no array '" + name + "' (expected shape " + shape + ")");
        }
        return array;
    }

    private static double[] values(String file, NpyArray array, String name) {
        try {
            return array.doubles();
        } catch (ArithmeticException e) {
            throw invalid(file, name + " holds an integer with no exact double value (" + e.getMessage() + ")");
        }
    }

    private static void requireFinite(String file, double[] values, int columns, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw invalid(file, name + " has a non-finite value at row " + i / columns + ", column "
                        + i % columns + " (" + values[i] + ")");
            }
        }
    }

    private static int[] labels(String file, NpyArray array, String name) {
        long[] values = array.longs();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                throw invalid(file, name + " has the label " + values[i] + " at row " + i
                        + (values[i] < 0 ? "; class labels must be at least 0" : ", too large for a class label"));
            }
            labels[i] = (int) values[i];
        }
        return labels;
    }

    private static boolean isInteger(NpyType type) {
        return type == NpyType.INT64 || type == NpyType.INT32;
    }

    private static String shape(int[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static InvalidInputException invalid(String file, String problem) {
        return new InvalidInputException(file + ": " + problem);
    }

    /**
     * Writes a split in the layout {@link #load} reads: {@code X} as {@code float64 (n,
     * features)}, or {@code (n, channels, height, width)} for images; {@code y} as {@code int64 (n,)} for class labels, or as {@code float64 (n,)}
     * for targets of width 1 and {@code float64 (n, out)} otherwise; and likewise {@code X_test},
     * {@code y_test} when the split has a test set.
     *
     * @param npz the file, replaced atomically if it exists
     * @param split the data
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void save(Path npz, Split split) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        put(arrays, split.train(), "X", "y");
        if (split.hasTest()) {
            put(arrays, split.test(), "X_test", "y_test");
        }
        Npz.write(npz, arrays);
    }

    private static void put(Map<String, NpyArray> arrays, Dataset data, String xName, String yName) {
        int n = data.size();
        arrays.put(xName, data.imageShape()
                .map(s -> NpyArray.ofDoubles(data.x(), n, s.channels(), s.height(), s.width()))
                .orElseGet(() -> NpyArray.ofDoubles(data.x(), n, data.features())));
        if (data.isClassification()) {
            int[] labels = data.labels();
            long[] widened = new long[n];
            for (int i = 0; i < n; i++) {
                widened[i] = labels[i];
            }
            arrays.put(yName, NpyArray.ofLongs(widened, n));
        } else if (data.targetWidth() == 1) {
            arrays.put(yName, NpyArray.ofDoubles(data.targets(), n));
        } else {
            arrays.put(yName, NpyArray.ofDoubles(data.targets(), n, data.targetWidth()));
        }
    }

    /**
     * Resolves a data specification, tried in this order:
     *
     * <ol>
     *   <li>{@code blobs} or {@code blobs:...}: {@link Blobs#parse} then {@link Blobs#generate};
     *   <li>{@code teacher} or {@code teacher:...}: {@link TeacherStudent#parse} then {@link
     *       TeacherStudent#generate};
     *   <li>{@code sparse-regression[:...]} and {@code sensing[:...]}: {@link SparseRegression} and
     *       {@link MatrixSensing}, parsed then generated;
     *   <li>{@code mnist}, {@code fashion-mnist}, {@code cifar10}, optionally with {@code :key=value,...}:
     *       {@link ImageDatasets#load} (subset, normalisation and test split as options; a data set
     *       that is not installed is an error saying how to install it);
     *   <li>an existing file: {@link #load};
     *   <li>otherwise an error: {@code data file not found: PATH} when the specification looks
     *       like a path (it holds a {@code /} or {@code \} or ends with {@code .npz}), else {@code
     *       unknown data set 'NAME'}, NAME being the text before any {@code ':'}.
     * </ol>
     *
     * @param spec the specification
     * @return the data
     * @throws InvalidInputException if the specification is empty, names no known data set or
     *     existing file, or is rejected by the parser or loader it reaches
     */
    public static Split resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("the data specification is empty: " + ACCEPTED);
        }
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Function<String, Split> generator = GENERATORS.get(name);
        if (generator != null) {
            return generator.apply(spec);
        }
        Path path = asPath(spec);
        if (path != null && Files.exists(path)) {
            return load(path);
        }
        if (spec.contains("/") || spec.contains("\\") || spec.toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new InvalidInputException("data file not found: " + spec);
        }
        throw new InvalidInputException("unknown data set '" + name + "': " + ACCEPTED);
    }

    /**
     * @param spec a data specification
     * @return the existing file that {@link #resolve} would load for it, or null when it names a
     *     generator or data set, or no existing file
     */
    public static Path file(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        int colon = spec.indexOf(':');
        if (GENERATORS.containsKey(colon < 0 ? spec : spec.substring(0, colon))) {
            return null;
        }
        Path path = asPath(spec);
        return path != null && Files.exists(path) ? path : null;
    }

    private static Path asPath(String spec) {
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
