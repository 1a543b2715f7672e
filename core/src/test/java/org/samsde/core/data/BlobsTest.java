package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.InvalidInputException;

class BlobsTest {

    @Test
    void sameSeedGivesBitwiseEqualData() {
        Split a = new Blobs(4, 300, 3, 2.5, 0.7, 80, 42).generate();
        Split b = Blobs.parse("blobs:k=4,n=300,d=3,sep=2.5,sigma=0.7,test=80,seed=42").generate();
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
    }

    @Test
    void differentSeedsGiveDifferentData() {
        Split a = new Blobs(3, 200, 2, 3, 1, 50, 1).generate();
        Split b = new Blobs(3, 200, 2, 3, 1, 50, 2).generate();
        assertFalse(Arrays.equals(a.train().x(), b.train().x()));
        assertFalse(Arrays.equals(new Blobs(3, 200, 2, 3, 1, 50, 1).centres(),
                new Blobs(3, 200, 2, 3, 1, 50, 2).centres()));
    }

    @Test
    void trainAndTestAreIndependentDrawsAndTrainDoesNotDependOnTestSize() {
        Split withTest = new Blobs(3, 90, 2, 3, 1, 90, 7).generate();
        Split withoutTest = new Blobs(3, 90, 2, 3, 1, 0, 7).generate();
        assertNotEquals(withTest.train(), withTest.test());
        assertEquals(withTest.train(), withoutTest.train());
        assertFalse(withoutTest.hasTest());
        assertNull(withoutTest.test());
        assertEquals(90, withTest.test().size());
    }

    @ParameterizedTest
    @CsvSource({"3, 600", "3, 601", "5, 5", "2, 1001"})
    void classesAreBalanced(int k, int n) {
        Split split = new Blobs(k, n, 2, 3, 1, n, 3).generate();
        for (Dataset data : new Dataset[] {split.train(), split.test()}) {
            int[] counts = new int[k];
            for (int label : data.labels()) {
                counts[label]++;
            }
            for (int c = 0; c < k; c++) {
                assertTrue(counts[c] == n / k || counts[c] == n / k + 1, "class " + c + " has " + counts[c]);
            }
            assertEquals(k, data.classes());
        }
    }

    @Test
    void labelsAreShuffled() {
        int[] labels = new Blobs(3, 300, 1, 3, 1, 0, 5).generate().train().labels();
        int inOrder = 0;
        for (int i = 0; i < labels.length; i++) {
            inOrder += labels[i] == i % 3 ? 1 : 0;
        }
        // A uniformly random permutation keeps about a third of i mod 3 in place; all 300 is the unshuffled order.
        assertTrue(inOrder < 200, inOrder + " labels in i mod k order");
    }

    @Test
    void classMeansAreNearTheCentres() {
        int k = 3;
        int n = 3000;
        int d = 4;
        double sigma = 0.8;
        Blobs blobs = new Blobs(k, n, d, 3, sigma, n, 11);
        double[] centres = blobs.centres();
        Split split = blobs.generate();
        // Each coordinate of a class mean over m = n/k samples has standard error sigma / sqrt(m);
        // five standard errors make a chance failure (for some other seed) about 1 in 10^6 per coordinate.
        double tolerance = 5 * sigma / Math.sqrt(n / k);
        for (Dataset data : new Dataset[] {split.train(), split.test()}) {
            double[] means = classMeans(data, k);
            for (int i = 0; i < k * d; i++) {
                assertEquals(centres[i], means[i], tolerance, "class " + i / d + " feature " + i % d);
            }
        }
    }

    @Test
    void centresHaveScaleSep() {
        // k*d = 2000 centre coordinates N(0, sep^2): the sample variance has relative standard error
        // sqrt(2/2000) ~ 3.2%; allow 5 of them.
        Blobs blobs = new Blobs(200, 200, 10, 2, 1, 0, 9);
        double sumSquares = 0;
        for (double c : blobs.centres()) {
            sumSquares += c * c;
        }
        assertEquals(4.0, sumSquares / 2000, 4.0 * 5 * Math.sqrt(2.0 / 2000));
    }

    @Test
    void largerSepSeparatesTheClassesMore() {
        Blobs near = new Blobs(3, 600, 2, 1, 1, 0, 4);
        Blobs far = new Blobs(3, 600, 2, 4, 1, 0, 4);
        // The same seed draws the same standard normals, so the centres scale exactly with sep.
        double[] nearCentres = near.centres();
        double[] farCentres = far.centres();
        for (int i = 0; i < nearCentres.length; i++) {
            assertEquals(4 * nearCentres[i], farCentres[i], 1e-12 * Math.abs(farCentres[i]));
        }
        assertTrue(spread(far.generate().train(), 3) > 4 * spread(near.generate().train(), 3));
    }

    /** Mean squared distance between the empirical class means. */
    private static double spread(Dataset data, int k) {
        double[] means = classMeans(data, k);
        int d = data.features();
        double total = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                for (int j = 0; j < d; j++) {
                    double diff = means[a * d + j] - means[b * d + j];
                    total += diff * diff;
                }
            }
        }
        return total / (k * (k - 1) / 2);
    }

    private static double[] classMeans(Dataset data, int k) {
        int d = data.features();
        double[] x = data.x();
        int[] labels = data.labels();
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[labels[i] * d + j] += x[i * d + j];
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= counts[i / d];
        }
        return sums;
    }

    @Test
    void parseDefaults() {
        Blobs defaults = new Blobs(3, 512, 2, 3, 1, 128, 0);
        assertEquals(defaults, Blobs.parse("blobs"));
        assertEquals(defaults, Blobs.parse("blobs:"));
        assertEquals(new Blobs(3, 100, 2, 3, 1, 25, 0), Blobs.parse("blobs:n=100"));
        assertEquals(new Blobs(3, 100, 2, 3, 1, 0, 0), Blobs.parse("blobs:n=100,test=0"));
    }

    @Test
    void parseAllKeys() {
        assertEquals(new Blobs(3, 600, 2, 3, 1, 150, 1), Blobs.parse("blobs:k=3,n=600,d=2,sep=3,sigma=1,test=150,seed=1"));
        assertEquals(new Blobs(5, 50, 7, 0.5, 2e-1, 3, -9),
                Blobs.parse("blobs: seed = -9 , sigma=2e-1,sep=.5,d=7,k=5,n=50,test=3"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "blobs:q=3|q",
        "blobs:k3|k3",
        "blobs:k=|k",
        "blobs:k=three|k",
        "blobs:k=2.5|k",
        "blobs:n=3000000000|n",
        "blobs:sep=abc|sep",
        "blobs:sep=NaN|sep",
        "blobs:sep=Infinity|sep",
        "blobs:sigma=1f|sigma",
        "blobs:seed=1.5|seed",
        "blobs:seed=99999999999999999999|seed",
        "blobs:test=x|test",
        "blobs:k=1|k",
        "blobs:k=4,n=3|n",
        "blobs:d=0|d",
        "blobs:sep=0|sep",
        "blobs:sep=-1|sep",
        "blobs:sigma=0|sigma",
        "blobs:test=-1|test",
        "blobs:k=3,k=4|k",
    })
    void parseErrorsNameTheKey(String spec, String key) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Blobs.parse(spec));
        SpecOptionsAssertions.assertNamesKey(e, key, "blobs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"blobs:k=3,,n=9", "blobs:k=3,", "blob:k=3", "teacher:n=3"})
    void malformedSpecsAreRejected(String spec) {
        assertThrows(InvalidInputException.class, () -> Blobs.parse(spec));
    }

    @Test
    void constructorChecksRanges() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Blobs(3, 100, 2, 3, -1, 0, 0));
        assertEquals("blobs option sigma=-1.0 is out of range: sigma must be finite and positive", e.getMessage());
        assertThrows(InvalidInputException.class, () -> new Blobs(3, 100_000_000, 100, 3, 1, 0, 0));
    }

    @Test
    void datasetShapes() {
        Split split = new Blobs(4, 40, 3, 3, 1, 12, 0).generate();
        assertEquals(40, split.train().size());
        assertEquals(3, split.train().features());
        assertEquals(12, split.test().size());
        assertTrue(split.hasTest());
        assertArrayEquals(new Blobs(4, 40, 3, 3, 1, 12, 0).generate().test().x(), split.test().x());
    }
}
