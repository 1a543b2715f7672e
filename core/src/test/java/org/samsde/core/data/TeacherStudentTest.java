package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.InvalidInputException;

class TeacherStudentTest {

    @Test
    void sameSeedGivesBitwiseEqualData() {
        Split a = new TeacherStudent(200, 5, 7, 2, 0.3, 40, 17).generate();
        Split b = TeacherStudent.parse("teacher:n=200,d=5,h=7,out=2,noise=0.3,test=40,seed=17").generate();
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
        assertNotEquals(a.train(), a.test());
    }

    @Test
    void differentSeedsGiveDifferentData() {
        Split a = new TeacherStudent(50, 3, 4, 1, 0.1, 0, 1).generate();
        Split b = new TeacherStudent(50, 3, 4, 1, 0.1, 0, 2).generate();
        assertFalse(Arrays.equals(a.train().x(), b.train().x()));
        assertFalse(Arrays.equals(a.train().targets(), b.train().targets()));
        assertFalse(a.hasTest());
    }

    @ParameterizedTest
    @CsvSource({"64, 3, 5, 1", "64, 4, 8, 3", "30, 2, 1, 2"})
    void noiselessTargetsAreExactlyTheTanhTeacher(int n, int d, int h, int out) {
        TeacherStudent config = new TeacherStudent(n, d, h, out, 0, n, 8);
        TeacherStudent.Teacher teacher = config.teacher();
        assertEquals(h, teacher.hiddenWidth());
        double[] w1 = teacher.hiddenWeights();
        double[] w2 = teacher.outputWeights();
        assertEquals(h * d, w1.length);
        assertEquals(out * h, w2.length);
        Split split = config.generate();
        for (Dataset data : new Dataset[] {split.train(), split.test()}) {
            double[] x = data.x();
            double[] expected = new double[n * out];
            for (int r = 0; r < n; r++) {
                double[] z = new double[h];
                for (int j = 0; j < h; j++) {
                    double a = 0.0;
                    for (int i = 0; i < d; i++) {
                        a += w1[j * d + i] * x[r * d + i];
                    }
                    z[j] = Math.tanh(a);
                }
                for (int o = 0; o < out; o++) {
                    double y = 0.0;
                    for (int j = 0; j < h; j++) {
                        y += w2[o * h + j] * z[j];
                    }
                    expected[r * out + o] = y;
                }
            }
            assertArrayEquals(expected, data.targets());
            assertEquals(out, data.targetWidth());
            assertEquals(d, data.features());
        }
    }

    @Test
    void noiselessTargetsAreExactlyTheLinearTeacher() {
        int n = 40;
        int d = 3;
        int out = 2;
        TeacherStudent config = new TeacherStudent(n, d, 0, out, 0, 0, 5);
        double[] w = config.teacher().outputWeights();
        assertEquals(0, config.teacher().hiddenWeights().length);
        Dataset data = config.generate().train();
        double[] x = data.x();
        double[] expected = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double y = 0.0;
                for (int i = 0; i < d; i++) {
                    y += w[o * d + i] * x[r * d + i];
                }
                expected[r * out + o] = y;
            }
        }
        assertArrayEquals(expected, data.targets());
    }

    @Test
    void noiseChangesOnlyTheTargetsWithTheGivenStandardDeviation() {
        int n = 4000;
        Dataset clean = new TeacherStudent(n, 3, 6, 1, 0, 0, 21).generate().train();
        Dataset noisy = new TeacherStudent(n, 3, 6, 1, 0.25, 0, 21).generate().train();
        assertArrayEquals(clean.x(), noisy.x());
        double[] a = clean.targets();
        double[] b = noisy.targets();
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            sumSquares += (b[i] - a[i]) * (b[i] - a[i]);
        }
        // The empirical variance of n normal draws has relative standard error sqrt(2/n) ~ 2.2%; allow 5.
        assertEquals(0.0625, sumSquares / n, 0.0625 * 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void weightsHaveVarianceOneOverFanIn() {
        TeacherStudent.Teacher teacher = new TeacherStudent(1, 50, 100, 40, 0, 0, 3).teacher();
        // W1: 5000 draws of N(0, 1/50); W2: 4000 draws of N(0, 1/100). Sample variances have relative
        // standard error sqrt(2/m); allow 5.
        assertEquals(1.0 / 50, meanSquare(teacher.hiddenWeights()), 5 * Math.sqrt(2.0 / 5000) / 50);
        assertEquals(1.0 / 100, meanSquare(teacher.outputWeights()), 5 * Math.sqrt(2.0 / 4000) / 100);
    }

    @Test
    void inputsAreStandardNormal() {
        double[] x = new TeacherStudent(5000, 2, 1, 1, 0, 0, 6).generate().train().x();
        // mean: standard error 1/sqrt(10000); mean square: relative standard error sqrt(2/10000); allow 5.
        assertEquals(0, Arrays.stream(x).average().orElseThrow(), 5 / Math.sqrt(x.length));
        assertEquals(1, meanSquare(x), 5 * Math.sqrt(2.0 / x.length));
    }

    private static double meanSquare(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e * e;
        }
        return sum / v.length;
    }

    @Test
    void trainingSetDoesNotDependOnTestSize() {
        assertEquals(new TeacherStudent(30, 2, 3, 1, 0.1, 0, 4).generate().train(),
                new TeacherStudent(30, 2, 3, 1, 0.1, 77, 4).generate().train());
    }

    @Test
    void applyRejectsRaggedInput() {
        TeacherStudent.Teacher teacher = new TeacherStudent(1, 3, 2, 1, 0, 0, 0).teacher();
        assertThrows(IllegalArgumentException.class, () -> teacher.apply(new double[4]));
        assertEquals(2, teacher.apply(new double[6]).length);
        assertEquals(3, teacher.inputs());
        assertEquals(1, teacher.outputs());
    }

    @Test
    void parseDefaults() {
        TeacherStudent defaults = new TeacherStudent(512, 4, 8, 1, 0.1, 128, 0);
        assertEquals(defaults, TeacherStudent.parse("teacher"));
        assertEquals(defaults, TeacherStudent.parse("teacher:"));
        assertEquals(defaults, TeacherStudent.parse("teacher:n=512,d=4,h=8,out=1,noise=0.1,test=128,seed=0"));
        assertEquals(new TeacherStudent(40, 4, 0, 1, 0.1, 10, 0), TeacherStudent.parse("teacher:n=40,h=0"));
        assertEquals(new TeacherStudent(512, 4, 8, 1, 0, 0, 3), TeacherStudent.parse("teacher:noise=0,test=0,seed=3"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "teacher:k=3|k",
        "teacher:h|h",
        "teacher:n=x|n",
        "teacher:d=1.0|d",
        "teacher:noise=abc|noise",
        "teacher:noise=NaN|noise",
        "teacher:seed=s|seed",
        "teacher:n=0|n",
        "teacher:d=0|d",
        "teacher:h=-1|h",
        "teacher:out=0|out",
        "teacher:noise=-0.1|noise",
        "teacher:test=-5|test",
        "teacher:h=1,h=2|h",
    })
    void parseErrorsNameTheKey(String spec, String key) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TeacherStudent.parse(spec));
        SpecOptionsAssertions.assertNamesKey(e, key, "teacher");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"teacher:n=3,", "teachers:n=3", "blobs:n=3", "teacher:,"})
    void malformedSpecsAreRejected(String spec) {
        assertThrows(InvalidInputException.class, () -> TeacherStudent.parse(spec));
    }

    @Test
    void oversizedConfigurationsAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TeacherStudent(100_000_000, 100, 1, 1, 0, 0, 0));
        assertTrue(e.getMessage().contains("n="), e.getMessage());
    }
}
