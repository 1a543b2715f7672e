package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.NpyType;
import org.samsde.core.io.Npz;

class DataFilesTest {

    @TempDir
    Path dir;

    private static final NpyArray X = NpyArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    private static final NpyArray LABELS = NpyArray.ofLongs(new long[] {0, 2, 1}, 3);
    private static final NpyArray TARGETS = NpyArray.ofDoubles(new double[] {0.5, -1, 2}, 3);
    private static final NpyArray X_TEST = NpyArray.ofDoubles(new double[] {7, 8}, 1, 2);
    private static final NpyArray LABELS_TEST = NpyArray.ofLongs(new long[] {1}, 1);

    private void assertRoundTrip(Split split) throws IOException {
        Path file = dir.resolve("data.npz");
        DataFiles.save(file, split);
        Split loaded = DataFiles.load(file);
        assertEquals(split.train(), loaded.train());
        assertEquals(split.test(), loaded.test());
        assertEquals(split.hasTest(), loaded.hasTest());
    }

    @Test
    void roundTripsClassificationWithAndWithoutTestSet() throws IOException {
        Split blobs = new Blobs(3, 60, 4, 3, 1, 15, 2).generate();
        assertRoundTrip(blobs);
        assertRoundTrip(Split.trainOnly(blobs.train()));
    }

    @Test
    void roundTripsRegressionOfWidthOneAndMoreWithAndWithoutTestSet() throws IOException {
        for (int out : new int[] {1, 3}) {
            Split teacher = new TeacherStudent(50, 3, 4, out, 0.1, 10, 2).generate();
            assertRoundTrip(teacher);
            assertRoundTrip(Split.trainOnly(teacher.train()));
        }
    }

    @Test
    void savesTheDocumentedLayout() throws IOException {
        Path file = dir.resolve("layout.npz");
        DataFiles.save(file, new Blobs(2, 10, 3, 3, 1, 4, 0).generate());
        Map<String, NpyArray> arrays = Npz.read(file);
        assertEquals(List.of("X", "y", "X_test", "y_test"), List.copyOf(arrays.keySet()));
        assertEquals(NpyType.FLOAT64, arrays.get("X").dtype());
        assertEquals(List.of(10, 3), Arrays.stream(arrays.get("X").shape()).boxed().toList());
        assertEquals(NpyType.INT64, arrays.get("y").dtype());
        assertEquals(1, arrays.get("y").rank());

        DataFiles.save(file, new TeacherStudent(10, 3, 2, 1, 0, 0, 0).generate());
        arrays = Npz.read(file);
        assertEquals(NpyType.FLOAT64, arrays.get("y").dtype());
        assertEquals(1, arrays.get("y").rank());
        DataFiles.save(file, new TeacherStudent(10, 3, 2, 2, 0, 0, 0).generate());
        assertEquals(2, Npz.read(file).get("y").rank());
    }

    @Test
    void readsEveryDtypeAndShapeOfTheLayout() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("X", NpyArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 3, 2));
        arrays.put("y", NpyArray.ofInts(new int[] {0, 2, 1}, 3));
        arrays.put("X_test", NpyArray.ofFloats(new float[] {0.5f, 1.5f}, 1, 2));
        arrays.put("y_test", NpyArray.ofLongs(new long[] {4}, 1));
        Split split = DataFiles.load(write("dtypes.npz", arrays));
        assertEquals(Dataset.classification(new double[] {1, 2, 3, 4, 5, 6}, 2, new int[] {0, 2, 1}), split.train());
        assertEquals(Dataset.classification(new double[] {0.5, 1.5}, 2, new int[] {4}), split.test());

        arrays.clear();
        arrays.put("X", NpyArray.ofLongs(new long[] {1, 2, 3}, 3, 1));
        arrays.put("y", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        split = DataFiles.load(write("regression.npz", arrays));
        assertEquals(Dataset.regression(new double[] {1, 2, 3}, 1, new double[] {1, 2, 3, 4, 5, 6}, 2), split.train());
        assertNull(split.test());
    }

    @Test
    void ignoresUnknownArrays() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("meta", NpyArray.scalar(3));
        arrays.put("X", X);
        arrays.put("y", LABELS);
        arrays.put("y_extra", NpyArray.ofDoubles(new double[] {Double.NaN}, 1));
        Split split = DataFiles.load(write("extra.npz", arrays));
        assertEquals(Dataset.classification(X.doubles(), 2, new int[] {0, 2, 1}), split.train());
        assertFalse(split.hasTest());
    }

    // ---- errors --------------------------------------------------------------------------------

    private Path write(String name, Map<String, NpyArray> arrays) throws IOException {
        Path file = dir.resolve(name);
        Npz.write(file, arrays);
        return file;
    }

    /** Writes the named arrays (name, array, name, array, ...) and asserts that loading fails. */
    private String loadFails(Object... namesAndArrays) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < namesAndArrays.length; i += 2) {
            arrays.put((String) namesAndArrays[i], (NpyArray) namesAndArrays[i + 1]);
        }
        Path file = write("bad.npz", arrays);
        String message = assertThrows(InvalidInputException.class, () -> DataFiles.load(file)).getMessage();
        assertTrue(message.startsWith(file + ": "), "message does not name the file: " + message);
        assertFalse(message.contains("\n"), message);
        return message;
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.npz");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataFiles.load(file));
        assertEquals("data file not found: " + file, e.getMessage());
    }

    @Test
    void fileThatIsNotAnArchive() throws IOException {
        Path file = dir.resolve("text.npz");
        Files.writeString(file, "not a zip");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataFiles.load(file));
        assertContains(e.getMessage(), file.toString());
    }

    @Test
    void missingX() throws IOException {
        assertContains(loadFails("y", LABELS), "no array 'X'");
    }

    @Test
    void missingY() throws IOException {
        assertContains(loadFails("X", X), "no array 'y'");
    }

    @Test
    void rankOneX() throws IOException {
        assertContains(loadFails("X", NpyArray.ofDoubles(new double[] {1, 2, 3}, 3), "y", LABELS),
                "X has shape (3,)", "(n, features)");
    }

    @Test
    void emptyX() throws IOException {
        assertContains(loadFails("X", NpyArray.ofDoubles(new double[0], 0, 2), "y", NpyArray.ofLongs(new long[0], 0)),
                "X has shape (0, 2)");
    }

    @Test
    void rowCountsDisagree() throws IOException {
        assertContains(loadFails("X", X, "y", NpyArray.ofLongs(new long[] {0, 1}, 2)), "X has 3 rows", "y has shape (2,)");
        assertContains(loadFails("X", X, "y", NpyArray.ofDoubles(new double[] {1, 2, 3, 4}, 4, 1)), "X has 3 rows");
        assertContains(loadFails("X", X, "y", LABELS, "X_test", X_TEST, "y_test", NpyArray.ofLongs(new long[] {0, 1}, 2)),
                "X_test has 1 rows", "y_test");
    }

    @Test
    void nonFiniteX() throws IOException {
        NpyArray x = NpyArray.ofDoubles(new double[] {1, 2, 3, Double.NaN, 5, 6}, 3, 2);
        assertContains(loadFails("X", x, "y", LABELS), "X has a non-finite value at row 1");
        NpyArray xTest = NpyArray.ofDoubles(new double[] {Double.NEGATIVE_INFINITY, 0}, 1, 2);
        assertContains(loadFails("X", X, "y", LABELS, "X_test", xTest, "y_test", LABELS_TEST),
                "X_test has a non-finite value at row 0");
    }

    @Test
    void nonFiniteFloatY() throws IOException {
        NpyArray y = NpyArray.ofDoubles(new double[] {0, 1, 2, 3, Double.POSITIVE_INFINITY, 5}, 3, 2);
        assertContains(loadFails("X", X, "y", y), "y has a non-finite value at row 2");
        assertContains(loadFails("X", X, "y", NpyArray.ofDoubles(new double[] {Double.NaN, 0, 0}, 3)),
                "y has a non-finite value at row 0");
    }

    @Test
    void negativeLabels() throws IOException {
        assertContains(loadFails("X", X, "y", NpyArray.ofInts(new int[] {0, -1, 1}, 3)), "y has the label -1 at row 1");
        assertContains(loadFails("X", X, "y", LABELS, "X_test", X_TEST, "y_test", NpyArray.ofLongs(new long[] {-3}, 1)),
                "y_test has the label -3 at row 0");
    }

    @Test
    void labelsBeyondInt() throws IOException {
        assertContains(loadFails("X", X, "y", NpyArray.ofLongs(new long[] {0, 1L << 40, 1}, 3)), "y has the label");
    }

    @Test
    void integerXWithoutExactDouble() throws IOException {
        NpyArray x = NpyArray.ofLongs(new long[] {(1L << 53) + 1, 0, 0}, 3, 1);
        assertContains(loadFails("X", x, "y", LABELS), "X holds an integer");
    }

    @Test
    void integerYOfRankTwo() throws IOException {
        assertContains(loadFails("X", X, "y", NpyArray.ofLongs(new long[] {0, 1, 1, 0, 0, 1}, 3, 2)),
                "y has an integer dtype and shape (3, 2)");
    }

    @Test
    void floatYOfRankThreeOrZeroWidth() throws IOException {
        assertContains(loadFails("X", X, "y", NpyArray.ofDoubles(new double[3], 3, 1, 1)), "y has shape (3, 1, 1)");
        assertContains(loadFails("X", X, "y", NpyArray.ofDoubles(new double[0], 3, 0)), "y has shape (3, 0)");
    }

    @Test
    void onlyOneTestArray() throws IOException {
        assertContains(loadFails("X", X, "y", LABELS, "X_test", X_TEST), "X_test but no y_test");
        assertContains(loadFails("X", X, "y", LABELS, "y_test", LABELS_TEST), "y_test but no X_test");
    }

    @Test
    void testFeaturesDiffer() throws IOException {
        NpyArray xTest = NpyArray.ofDoubles(new double[] {1, 2, 3}, 1, 3);
        assertContains(loadFails("X", X, "y", LABELS, "X_test", xTest, "y_test", LABELS_TEST),
                "X has 2 features but X_test has 3");
    }

    @Test
    void testKindDiffers() throws IOException {
        assertContains(loadFails("X", X, "y", LABELS, "X_test", X_TEST, "y_test", NpyArray.ofDoubles(new double[] {1}, 1)),
                "y holds class labels", "y_test holds regression targets");
    }

    @Test
    void testWidthDiffers() throws IOException {
        assertContains(loadFails("X", X, "y", TARGETS, "X_test", X_TEST, "y_test", NpyArray.ofDoubles(new double[] {1, 2}, 1, 2)),
                "y has 1 targets per sample but y_test has 2");
    }

    // ---- resolve -------------------------------------------------------------------------------

    @Test
    void resolvesGenerators() {
        assertEquals(Blobs.parse("blobs").generate(), DataFiles.resolve("blobs"));
        assertEquals(new Blobs(4, 40, 2, 3, 1, 10, 2).generate(), DataFiles.resolve("blobs:k=4,n=40,seed=2"));
        assertEquals(TeacherStudent.parse("teacher").generate(), DataFiles.resolve("teacher"));
        assertEquals(new TeacherStudent(20, 4, 8, 1, 0.1, 0, 0).generate(), DataFiles.resolve("teacher:n=20,test=0"));
    }

    @Test
    void generatorErrorsPassThrough() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataFiles.resolve("blobs:k=1"));
        assertContains(e.getMessage(), "k=1");
    }

    @Test
    void resolvesFiles() throws IOException {
        Split split = new Blobs(2, 20, 2, 3, 1, 5, 0).generate();
        Path file = dir.resolve("saved.npz");
        DataFiles.save(file, split);
        assertEquals(split, DataFiles.resolve(file.toString()));
    }

    @Test
    void missingFilesAndUnknownNames() {
        String missing = dir.resolve("missing.npz").toString();
        assertEquals("data file not found: " + missing,
                assertThrows(InvalidInputException.class, () -> DataFiles.resolve(missing)).getMessage());
        assertEquals("data file not found: data.npz",
                assertThrows(InvalidInputException.class, () -> DataFiles.resolve("data.npz")).getMessage());
        String expected = "unknown data set 'imagenet': expected blobs:..., teacher:..., sparse-regression:..., sensing:..., mnist[:...], fashion-mnist[:...], "
                + "cifar10[:...], or a path to an .npz file";
        assertEquals(expected, assertThrows(InvalidInputException.class, () -> DataFiles.resolve("imagenet")).getMessage());
        assertEquals(expected, assertThrows(InvalidInputException.class, () -> DataFiles.resolve("imagenet:n=10")).getMessage());
        assertThrows(InvalidInputException.class, () -> DataFiles.resolve(""));
        assertThrows(InvalidInputException.class, () -> DataFiles.resolve(" "));
        assertThrows(InvalidInputException.class, () -> DataFiles.resolve(null));
    }
}
