package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.plots.spec.Annotation;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;

/** The figure specs built from synthetic run directories: series, labels, scales, bands, annotations. */
class FiguresTest {
    private static final List<String> FOUR = List.of("sgd", "sam", "sam2", "sam3");

    @TempDir
    Path tmp;

    private Path compareDir() throws IOException {
        return RunFixtures.summary(tmp.resolve("cmp"), FOUR, 200, 10, RunFixtures::typical);
    }

    @Test
    void compareHasSixPanelsOneSeriesAndBandPerMethodWithPaperNames() throws IOException {
        Figure f = Figures.of(FigureKind.COMPARE, List.of(compareDir()));
        assertEquals(6, f.panels().size());
        assertEquals(3, f.columns());
        assertTrue(f.sharedLegend());
        assertEquals(List.of("Train loss", "Test loss", "Test accuracy", "Parameter norm", "Gradient norm", "Top Hessian eigenvalue"),
                f.panels().stream().map(Panel::title).toList());
        List<String> names = List.of("SGD", "SAM", "SAM SDE, order 2 (Compagnoni et al.)", "SAM SDE, order 3 (Luo et al.)");
        for (Panel p : f.panels()) {
            assertEquals(names, p.seriesNames(), p.title());
            assertEquals(4, p.bands().size(), p.title());
            assertEquals(Figures.STEP_LABEL, p.xAxis().label());
            assertEquals(0, p.xAxis().min());
            assertEquals(200, p.xAxis().max(), "a shared x range");
        }
        assertEquals("‖x‖", f.panels().get(3).yAxis().label());
        assertEquals(Figures.LAMBDA_LABEL, f.panels().get(5).yAxis().label());
        assertTrue(f.note().contains("95%") && f.note().contains("4 seeds"), f.note());
        assertTrue(f.note().contains("toy problem") && f.note().contains("η = 0.05"), f.note());
    }

    @Test
    void logScaleExactlyWhereTheMeansSpanTwoDecades() throws IOException {
        Figure f = Figures.of(FigureKind.COMPARE, List.of(compareDir()));
        // train loss e^{-7t} over t in [0, 2] spans six decades; the others are within a factor 3
        assertTrue(f.panels().get(0).yAxis().log(), "train loss");
        for (int i = 1; i < 6; i++) {
            assertFalse(f.panels().get(i).yAxis().log(), f.panels().get(i).title());
        }
        assertFalse(f.panels().get(0).xAxis().log());
    }

    @Test
    void bandWidthsAreTheIntervalsOfTheSummaryFile() throws IOException {
        Figure f = Figures.of(FigureKind.COMPARE, List.of(compareDir()));
        Panel norm = f.panels().get(3);
        Band b = norm.band("SAM").orElseThrow();
        Series s = norm.series("SAM").orElseThrow();
        assertArrayEquals(s.x(), b.x());
        double[] w = b.widths();
        for (int i = 0; i < w.length; i++) {
            double mean = RunFixtures.typical("sam", "norm", (int) b.x()[i]);
            assertEquals(mean, s.y()[i], 1e-12);
            assertEquals(2 * RunFixtures.half(mean), w[i], 1e-12, "hi − lo at step " + b.x()[i]);
        }
        assertEquals(s.style().colour(), b.colour(), "a band has its line's colour");
    }

    @Test
    void bandsStayInsideTheRangeOfTheQuantity() throws IOException {
        Path dir = RunFixtures.summary(tmp.resolve("acc"), List.of("sam"), 20, 10,
                (m, metric, k) -> metric.equals("test_acc") ? 0.999 : metric.equals("grad_norm") ? 0.001 : 1.0);
        Figure f = Figures.of(FigureKind.COMPARE, List.of(dir));
        Band acc = f.panels().get(2).bands().get(0);
        Path out = RunFixtures.summary(tmp.resolve("over"), List.of("sam"), 20, 10, (m, metric, k) -> 1.2);
        Band align = Figures.of(FigureKind.ALIGNMENT, List.of(out)).panels().get(0).bands().get(0);
        assertEquals(1.0, align.lo()[0], "a mean outside [0, 1] gives an empty band at the edge, not an error");
        assertEquals(1.0, align.hi()[0]);
        Band grad = f.panels().get(4).bands().get(0);
        for (int i = 0; i < acc.x().length; i++) {
            assertEquals(1.0, acc.hi()[i], "an accuracy interval ends at 1");
            assertEquals(0.0, grad.lo()[i], "a norm interval starts at 0");
        }
    }

    @Test
    void aMetricNotMeasuredIsLeftOutAndTheNoteSaysWhy() throws IOException {
        Path dir = RunFixtures.summary(tmp.resolve("nohess"), List.of("sgd"), 20, 10,
                (m, metric, k) -> metric.equals("lambda_max") ? Double.NaN : RunFixtures.typical(m, metric, k));
        Figure f = Figures.of(FigureKind.COMPARE, List.of(dir));
        assertEquals(List.of("Train loss", "Test loss", "Test accuracy", "Parameter norm", "Gradient norm"),
                f.panels().stream().map(Panel::title).toList(), "no empty panel");
        for (Panel p : f.panels()) {
            assertFalse(p.series().isEmpty(), p.title());
        }
        assertTrue(f.note().contains("Not drawn (not recorded in these runs): Top Hessian eigenvalue."), f.note());
        Path sgd = RunFixtures.summary(tmp.resolve("sgd-nohess"), List.of("sgd", "sam"), 20, 10,
                (m, metric, k) -> metric.equals("lambda_max") ? Double.NaN : RunFixtures.typical(m, metric, k));
        Figure a = Figures.of(FigureKind.ALIGNMENT, List.of(sgd));
        assertEquals(1, a.panels().size(), "no empty sharpness panel");
        assertTrue(a.note().contains("Not drawn (not recorded in these runs): λ_max."), a.note());
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }

    @Test
    void divergedTrajectoriesAreCountedInTheNote() throws IOException {
        double[][] losses = {{1.0, 0.5, 0.4}, {1.0, 0.7, 0.5}, {1.0}};
        Path dir = RunFixtures.trajectories(tmp.resolve("div"), "sam", losses);
        String note = Figures.of(FigureKind.COMPARE, List.of(dir)).note();
        assertTrue(note.contains("SAM: 1 trajectory diverged"), "the method's name, not its label: " + note);
        Path fine = RunFixtures.trajectories(tmp.resolve("fine"), "sam", new double[][] {{1.0, 0.5}, {1.0, 0.6}});
        assertFalse(Figures.of(FigureKind.COMPARE, List.of(fine)).note().contains("diverged"));
    }

    @Test
    void bandsFromTwoSeedsAreCalledUnreliable() throws IOException {
        Path two = RunFixtures.trajectories(tmp.resolve("two"), "sam", new double[][] {{1.0, 0.5}, {1.0, 0.6}});
        String note = Figures.of(FigureKind.COMPARE, List.of(two)).note();
        assertTrue(note.contains("range of the 2 seeds") && note.contains("UNRELIABLE"), note);
        Path three = RunFixtures.trajectories(tmp.resolve("three"), "sam", new double[][] {{1.0, 0.5}, {1.0, 0.6}, {1.0, 0.7}});
        assertFalse(Figures.of(FigureKind.COMPARE, List.of(three)).note().contains("UNRELIABLE"));
        Path one = RunFixtures.trajectories(tmp.resolve("one"), "sam", new double[][] {{1.0, 0.5}});
        assertTrue(Figures.of(FigureKind.COMPARE, List.of(one)).note().contains("no band: an interval needs two seeds"));
    }

    @Test
    void twoSeedBandsAreTheRangeOfTheSeedsAndStayInsideIt() throws IOException {
        // λ_max 1 and 3 at every record: the 95% t-interval from 2 seeds is 2 ± 12.7, from −10.7 to 14.7
        Path two = RunFixtures.trajectories(tmp.resolve("two-seeds"), "sam", 2, 4,
                (metric, seed, k) -> metric.equals("lambda_max") ? 1 + 2 * seed : metric.equals("test_acc") ? 0.9 + 0.1 * seed : 0.5);
        Figure f = Figures.of(FigureKind.COMPARE, List.of(two));
        Band lambda = f.panels().get(5).bands().get(0);
        Band acc = f.panels().get(2).bands().get(0);
        for (int i = 0; i < lambda.x().length; i++) {
            assertEquals(1.0, lambda.lo()[i], 1e-9, "the lower seed, not 2 − 12.7");
            assertEquals(3.0, lambda.hi()[i], 1e-9, "the upper seed");
            assertEquals(0.9, acc.lo()[i], 1e-9);
            assertEquals(1.0, acc.hi()[i], 1e-9);
        }
        assertFalse(f.note().contains("not clipped"), "no λ_max band goes below 0: " + f.note());
    }

    @Test
    void lambdaBandsBelowZeroAreExplainedNotClipped() throws IOException {
        // three seeds with λ_max 0.1, 0.2 and 3: the t-interval 1.1 ± 4.3·1.6/√3 reaches below 0
        Path three = RunFixtures.trajectories(tmp.resolve("neg"), "sam", 3, 3,
                (metric, seed, k) -> metric.equals("lambda_max") ? new double[] {0.1, 0.2, 3}[seed] : 0.5);
        Figure f = Figures.of(FigureKind.COMPARE, List.of(three));
        Band lambda = f.panels().get(5).bands().get(0);
        assertTrue(lambda.lo()[0] < 0, "λ_max may be negative: its band is not clipped");
        assertTrue(f.note().contains("λ_max bands are not clipped at 0"), f.note());
    }

    @Test
    void anAlignmentBandThatCoversAllOfZeroToOneIsLeftOutAndThePanelSaysSo() throws IOException {
        // three seeds 0.01, 0.9, 0.05 at records 1 and 2 (mean 0.32, 95% interval ± 1.2); equal at record 0
        Path sam = RunFixtures.trajectories(tmp.resolve("wide"), "sam", 3, 3,
                (metric, seed, k) -> metric.equals("alignment") ? (k == 0 ? 0.4 : new double[] {0.01, 0.9, 0.05}[seed]) : 0.5);
        Panel left = Figures.of(FigureKind.ALIGNMENT, List.of(sam)).panels().get(0);
        Band b = left.bands().get(0);
        assertEquals(0.4, b.lo()[0], 1e-12, "a band inside [0, 1] is drawn");
        for (int i = 1; i < 3; i++) {
            assertTrue(Double.isNaN(b.lo()[i]) && Double.isNaN(b.hi()[i]), "no band filling [0, 1] at record " + i);
        }
        assertEquals("no band where the 95% interval covers all of [0, 1]", left.annotations().get(0).text());
        assertTrue(XChartRenderer.render(Figures.of(FigureKind.ALIGNMENT, List.of(sam)), XChartRenderer.Format.PNG).length > 0);
    }

    @Test
    void figuresWrittenTogetherShareOneSize() throws IOException {
        Path dir = compareDir();
        Figures.write(dir, FigureKind.COMPARE, "figure");
        Figures.write(dir, FigureKind.NOISE, "noise");
        java.awt.image.BufferedImage figure = javax.imageio.ImageIO.read(dir.resolve("figure.png").toFile());
        java.awt.image.BufferedImage noise = javax.imageio.ImageIO.read(dir.resolve("noise.png").toFile());
        assertEquals(figure.getWidth(), noise.getWidth());
        assertEquals(figure.getHeight(), noise.getHeight());
        Path sgd = RunFixtures.summary(tmp.resolve("sgd"), List.of("sgd", "sam"), 100, 10, RunFixtures::typical);
        Figure compare = Figures.of(FigureKind.COMPARE, List.of(sgd));
        for (FigureKind k : List.of(FigureKind.NOISE, FigureKind.ALIGNMENT, FigureKind.LOSSES)) {
            Figure f = Figures.of(k, List.of(sgd));
            assertEquals(compare.width(), f.width(), k.label());
            assertEquals(compare.height(), f.height(), k.label());
        }
    }

    @Test
    void aRunOfSgdAloneHasNoRhoInItsNote() throws IOException {
        Path sgd = RunFixtures.withMethods(RunFixtures.summary(tmp.resolve("sgd-only"), List.of("sgd"), 20, 10, RunFixtures::typical),
                "{\"sgd\": {\"description\": \"sgd\", \"kind\": \"discrete\", \"perturbs\": false, \"display_name\": \"SGD\"}}");
        String note = Figures.of(FigureKind.COMPARE, List.of(sgd)).note();
        assertTrue(note.contains("η = 0.05"), note);
        assertFalse(note.contains("ρ"), "SGD has no ρ: " + note);
        Path sam = RunFixtures.summary(tmp.resolve("with-sam"), List.of("sgd", "sam"), 20, 10, RunFixtures::typical);
        assertTrue(Figures.of(FigureKind.COMPARE, List.of(sam)).note().contains("ρ = 0.05"));
    }

    @Test
    void aRunInWhichEveryTrajectoryDivergedSaysSoAndDrawsItsOnlyRecord() throws IOException {
        Path dir = RunFixtures.trajectories(tmp.resolve("diverged"), "sam", new double[][] {{1.1616001531996762}, {1.1616001531996762}});
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"train\",\"config\":{\"lr\":1e308},"
                + "\"trajectories\":[{\"diverged\":true},{\"diverged\":true}]}");
        Figure f = Figures.of(FigureKind.COMPARE, List.of(dir));
        assertTrue(f.title().endsWith(": every trajectory diverged"), f.title());
        assertTrue(f.note().contains("EVERY TRAJECTORY DIVERGED"), f.note());
        assertEquals(1, f.panels().get(0).series().get(0).size(), "the record at step 0");
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }

    @Test
    void withoutSummaryTheTrajectoriesAreSummarisedWithTheTInterval() throws IOException {
        double[][] losses = {{1.0, 0.5}, {1.0, 0.7}, {1.0, 0.6}};
        Path dir = RunFixtures.trajectories(tmp.resolve("traj"), "sam", losses);
        Panel train = Figures.of(FigureKind.COMPARE, List.of(dir)).panels().get(0);
        Series s = train.series("SAM").orElseThrow();
        assertArrayEquals(new double[] {0, 10}, s.x());
        assertEquals(0.6, s.y()[1], 1e-12);
        double half = new TDistribution(2).inverseCumulativeProbability(0.975) * 0.1 / Math.sqrt(3);
        assertEquals(2 * half, train.bands().get(0).widths()[1], 1e-12);
        assertEquals(0, train.bands().get(0).widths()[0], 1e-12);
    }

    @Test
    void alignmentShowsPerturbingMethodsLeftAndEveryMethodsSharpnessRight() throws IOException {
        Path sgd = RunFixtures.summary(tmp.resolve("sgd"), List.of("sgd"), 100, 10, RunFixtures::typical);
        Path sam = RunFixtures.summary(tmp.resolve("sam"), List.of("sam"), 100, 10, RunFixtures::typical);
        Path eig = RunFixtures.summary(tmp.resolve("eig"), List.of("eigen-sam"), 100, 10, RunFixtures::typical);
        Figure f = Figures.of(FigureKind.ALIGNMENT, List.of(sgd, sam, eig));
        Panel left = f.panels().get(0);
        Panel right = f.panels().get(1);
        assertEquals(List.of("SAM", "Eigen-SAM"), left.seriesNames());
        assertEquals(2, left.bands().size());
        assertEquals(Figures.ALIGNMENT_LABEL, left.yAxis().label());
        assertEquals(0, left.yAxis().min());
        assertEquals(1, left.yAxis().max());
        assertEquals(List.of("SGD", "SAM", "Eigen-SAM"), right.seriesNames());
        assertEquals(Figures.LAMBDA_LABEL, right.yAxis().label());
        assertTrue(f.sharedLegend());
    }

    @Test
    void aUserMethodThatDeclaresItPerturbsIsAlignedUnderItsDeclaredNameAndStyle() throws IOException {
        Path sgd = RunFixtures.summary(tmp.resolve("sgd"), List.of("sgd"), 100, 10, RunFixtures::typical);
        Path user = RunFixtures.withMethods(RunFixtures.summary(tmp.resolve("asam"), List.of("asam", "asam2"), 100, 10, RunFixtures::typical),
                "{\"asam\": {\"description\": \"asam\", \"kind\": \"discrete\", \"perturbs\": true,"
                        + " \"display_name\": \"ASAM (Kwon et al.)\", \"style\": {\"colour\": 6, \"dash\": \"dash-dot\"}},"
                        + " \"asam2\": {\"description\": \"asam2\", \"kind\": \"sde\", \"perturbs\": false,"
                        + " \"display_name\": \"ASAM SDE\", \"style\": null}}");
        Figure f = Figures.of(FigureKind.ALIGNMENT, List.of(sgd, user));
        Panel left = f.panels().get(0);
        assertEquals(List.of("ASAM (Kwon et al.)"), left.seriesNames(), "perturbs as declared, under its declared name");
        assertEquals(Style.line(6, Style.Dash.DASH_DOT), left.series().get(0).style());
        assertEquals(List.of("SGD", "ASAM (Kwon et al.)", "ASAM SDE"), f.panels().get(1).seriesNames());
        Figure cmp = Figures.of(FigureKind.COMPARE, List.of(user));
        assertEquals("Discrete SAM and its SDE models", cmp.title(), "an SDE recorded as such");
        assertEquals(Style.line(6, Style.Dash.DASH_DOT), cmp.panels().get(0).series().get(0).style());
    }

    /** run.json as a run writes it (RunInfo.methods) for sgd, usam, sam and sam2 at η = ρ = 0.05 with the given batches. */
    private Path thresholdRun(String name, org.samsde.sde.Sampling sampling) throws IOException {
        Path dir = RunFixtures.summary(tmp.resolve(name), List.of("sgd", "usam", "sam", "sam2"), 100, 10, RunFixtures::typical);
        org.samsde.core.objective.Objective f = org.samsde.core.objective.ToyObjective.shifted(
                new org.samsde.core.objective.DiagonalQuadratic(new double[] {1, 2}, null), new double[128],
                org.samsde.core.tensor.CpuBackend.get());
        List<org.samsde.sde.Dynamics<?>> methods = new java.util.ArrayList<>();
        for (String rule : List.of("sgd", "usam", "sam")) {
            methods.add(org.samsde.sde.optim.Optimizer.builder(f, org.samsde.sde.optim.UpdateRule.byName(rule)).eta(0.05).rho(0.05)
                    .sampling(sampling).build());
        }
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>(org.samsde.sde.artifact.RunInfo.of("compare", "cpu", java.util.Map.of("lr", 0.05, "rho", 0.05))
                .methods(methods).fields());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> described = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) fields.get("methods"));
        described.put("sam2", java.util.Map.of("description", "sam2", "kind", "sde", "perturbs", false, "display_name", "SAM SDE"));
        fields.put("methods", described);
        org.samsde.sde.artifact.JsonFile.write(dir.resolve("run.json"), fields);
        return dir;
    }

    @Test
    void fullBatchLambdaMaxPanelsDrawTheDeclaredStabilityThresholds() throws IOException {
        Figure f = Figures.of(FigureKind.COMPARE, List.of(thresholdRun("full", org.samsde.sde.Sampling.full())));
        Panel lambda = f.panels().stream().filter(p -> p.title().equals("Top Hessian eigenvalue")).findFirst().orElseThrow();
        assertEquals(List.of("SGD", "SGD: stability threshold", "USAM", "USAM: stability threshold", "SAM", "SAM: stability threshold",
                "SAM SDE"), lambda.seriesNames(), "the SDE declares none");
        double[] steps = lambda.series("SGD").orElseThrow().x();
        for (double y : lambda.series("SGD: stability threshold").orElseThrow().y()) {
            assertEquals(2 / 0.05, y, 1e-12, "2/η");
        }
        double usam = (-1 + Math.sqrt(1 + 8 * 0.05 / 0.05)) / (2 * 0.05);
        for (double y : lambda.series("USAM: stability threshold").orElseThrow().y()) {
            assertEquals(usam, y, 1e-12, "the root of ηλ(1 + ρλ) = 2");
            assertEquals(2, 0.05 * y * (1 + 0.05 * y), 1e-12);
        }
        Series sam = lambda.series("SAM: stability threshold").orElseThrow();
        assertArrayEquals(steps, sam.x());
        for (int i = 0; i < steps.length; i++) {
            double g = RunFixtures.typical("sam", "grad_norm", (int) steps[i]);
            double c = 0.05 / g;
            assertEquals((-1 + Math.sqrt(1 + 8 * c / 0.05)) / (2 * c), sam.y()[i], 1e-9, "ηλ(1 + ρλ/‖∇f‖) = 2 at the recorded ‖∇f‖");
        }
        assertTrue(sam.y()[0] > sam.y()[steps.length - 1], "the gradient norm falls, and SAM's threshold with it");
        assertEquals(Style.line(0, Style.Dash.DOTTED), sam.style(), "SAM's colour, dotted");
        assertEquals(Style.line(3, Style.Dash.DASH_DOT), lambda.series("SGD: stability threshold").orElseThrow().style(),
                "SGD is drawn dotted itself");
        assertTrue(f.note().contains("stability threshold"), f.note());
        for (Panel p : f.panels()) {
            if (p != lambda) {
                assertTrue(p.seriesNames().stream().noneMatch(n -> n.contains("threshold")), p.title());
            }
        }
    }

    @Test
    void miniBatchRunsDrawNoThreshold() throws IOException {
        Figure f = Figures.of(FigureKind.COMPARE, List.of(thresholdRun("mini", new org.samsde.sde.Sampling(32, false))));
        for (Panel p : f.panels()) {
            assertTrue(p.seriesNames().stream().noneMatch(n -> n.contains("threshold")), p.title() + ": " + p.seriesNames());
        }
        assertFalse(f.note().contains("stability threshold"), f.note());
    }

    @Test
    void aRunJsonWithoutTheFieldsStillDraws() throws IOException {
        // as written before run.json said what a method is: the description string alone, and no methods at all
        Path described = RunFixtures.withMethods(RunFixtures.summary(tmp.resolve("old"), List.of("sam", "my-method"), 100, 10,
                RunFixtures::typical), "{\"sam\": \"sam\", \"my-method\": \"my-method\"}");
        Path bare = RunFixtures.summary(tmp.resolve("bare"), List.of("other-method"), 100, 10, RunFixtures::typical);
        Figure f = Figures.of(FigureKind.COMPARE, List.of(described, bare));
        Panel p = f.panels().get(0);
        assertEquals(List.of("SAM", "my-method", "other-method"), p.seriesNames(), "registered methods by their names, others by label");
        assertEquals(Style.line(0, Style.Dash.SOLID), p.series().get(0).style());
        assertEquals(Methods.style(org.samsde.plots.data.MethodInfo.plain("my-method"), 1), p.series().get(1).style(), "the palette in order");
        assertEquals(Methods.style(org.samsde.plots.data.MethodInfo.plain("other-method"), 2), p.series().get(2).style());
        assertEquals("Training curves", f.title(), "no SDE among them");
        Figure a = Figures.of(FigureKind.ALIGNMENT, List.of(described, bare));
        assertEquals(List.of("SAM"), a.panels().get(0).seriesNames(), "an unknown method is not taken to perturb");
    }

    @Test
    void alignmentNeedsAPerturbingMethod() throws IOException {
        Path sgd = RunFixtures.summary(tmp.resolve("sgd"), List.of("sgd"), 20, 10, RunFixtures::typical);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Figures.of(FigureKind.ALIGNMENT, List.of(sgd)));
        assertTrue(e.getMessage().contains("perturbing method"), e.getMessage());
    }

    @Test
    void lossesHasTrainAndTestLossOfEveryMethod() throws IOException {
        Path a = RunFixtures.summary(tmp.resolve("a"), List.of("sam"), 20, 10, RunFixtures::typical);
        Path b = RunFixtures.summary(tmp.resolve("b"), List.of("reverse-sam"), 20, 10, RunFixtures::typical);
        Path c = RunFixtures.summary(tmp.resolve("c"), List.of("egr"), 20, 10, RunFixtures::typical);
        Figure f = Figures.of(FigureKind.LOSSES, List.of(a, b, c));
        assertEquals(List.of("Train loss", "Test loss"), f.panels().stream().map(Panel::title).toList());
        assertEquals(List.of("SAM", "Reverse-SAM", "EGR"), f.panels().get(1).seriesNames());
        assertEquals(3, f.panels().get(1).bands().size());
        List<Series> lines = f.panels().get(0).series();
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                double a1 = hue(lines.get(i).style().colour());
                double a2 = hue(lines.get(j).style().colour());
                double apart = Math.min(Math.abs(a1 - a2), 360 - Math.abs(a1 - a2));
                assertTrue(apart > 30, lines.get(i).name() + " and " + lines.get(j).name() + " differ in hue by only " + apart + "°");
            }
        }
    }

    /** The hue of a palette colour, in degrees. */
    private static double hue(int index) {
        java.awt.Color c = Palette.colour(index);
        return 360.0 * java.awt.Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[0];
    }

    @Test
    void aMethodInTwoDirectoriesIsLabelledWithItsDirectory() throws IOException {
        Path a = RunFixtures.summary(tmp.resolve("lr-small"), List.of("sam"), 20, 10, RunFixtures::typical);
        Path b = RunFixtures.summary(tmp.resolve("lr-large"), List.of("sam"), 20, 10, RunFixtures::typical);
        Panel p = Figures.of(FigureKind.LOSSES, List.of(a, b)).panels().get(0);
        assertEquals(List.of("SAM [lr-small]", "SAM [lr-large]"), p.seriesNames());
        Style first = p.series().get(0).style();
        Style second = p.series().get(1).style();
        assertFalse(first.colour() == second.colour() && first.dash() == second.dash(), "the two look different");
    }

    @Test
    void approxIsLogLogWithSlopesInTheLegendAndBothReferenceSlopes() throws IOException {
        double[] etas = {0.02, 0.01, 0.005};
        double[][] gaps = {{0.2, 0.126, 0.079}, {0.02, 0.01, 0.005}};
        Path dir = RunFixtures.approx(tmp.resolve("approx"), etas, gaps, new String[] {"sam2", "sam3"}, new double[] {0.67, 0.98});
        Figure f = Figures.of(FigureKind.APPROX, List.of(dir));
        Panel p = f.panels().get(0);
        assertTrue(p.xAxis().log() && p.yAxis().log());
        assertEquals("learning rate η", p.xAxis().label());
        assertEquals(List.of("SAM SDE, order 2 (Compagnoni et al.): slope 0.67 ± 0.03", "SAM SDE, order 3 (Luo et al.): slope 0.98 ± 0.03",
                "reference slope 1", "reference slope 2/3"), p.seriesNames());
        Series ref = p.series("reference slope 2/3").orElseThrow();
        double fitted = Math.log(ref.y()[1] / ref.y()[0]) / Math.log(ref.x()[1] / ref.x()[0]);
        assertEquals(2.0 / 3, fitted, 1e-12);
        assertArrayEquals(new double[] {0.005, 0.01, 0.02}, p.series().get(0).x(), "sorted by η");
        assertEquals(Style.GREY, ref.style().colour());
        assertTrue(p.series().get(0).style().marker() != Style.Marker.NONE, "data points are marked");
        assertTrue(p.bands().isEmpty(), "deterministic gaps have no band");
    }

    @Test
    void weakOrderDirectoriesGetReferenceSlopesOneAndTwo() throws IOException {
        Panel p = Figures.of(FigureKind.APPROX, List.of(RunFixtures.weak(tmp.resolve("weak")))).panels().get(0);
        assertEquals(List.of("Euler–Maruyama: slope 1.01 ± 0.02", "Richardson extrapolation: slope 1.98 ± 0.05",
                "reference slope 1", "reference slope 2"), p.seriesNames());
        assertEquals("step Δt", p.xAxis().label());
        assertEquals(2, p.bands().size(), "Monte Carlo error bands");
        String note = Figures.of(FigureKind.APPROX, List.of(tmp.resolve("weak"))).note();
        assertTrue(note.contains("slope of log weak error against log Δt"), "the fit named as on its axes: " + note);
        assertFalse(note.contains("η"), note);
    }

    @Test
    void spectrumMarksAndCountsTheOutliersOnALogDensityAxis() throws IOException {
        Path dir = RunFixtures.spectrum(tmp.resolve("spec"), org.samsde.core.testing.Problems.bulkAndOutliers(200, 9.0, 7.0, 5.5));
        Figure f = Figures.of(FigureKind.SPECTRUM, List.of(dir));
        Panel p = f.panels().get(0);
        assertTrue(p.yAxis().log(), "log density");
        assertFalse(p.xAxis().log());
        assertEquals(List.of("histogram of all 203 eigenvalues", "outliers (3)"), p.seriesNames());
        assertArrayEquals(new double[] {5.5, 7.0, 9.0}, p.series("outliers (3)").orElseThrow().x());
        Annotation a = p.annotations().get(0);
        assertTrue(a.text().matches("3 outliers \\(λ > [0-9.]+\\), bulk of 200"), a.text());
        Series h = p.series().get(0);
        assertEquals(Style.Render.STEP, h.style().render());
        for (double y : h.y()) {
            assertTrue(y > 0, "empty bins sit at a positive floor on the log axis");
        }
        double[] hx = h.x();
        double[] hy = h.y();
        int n = hx.length;
        double floor = java.util.Arrays.stream(hy).min().orElseThrow();
        assertEquals(floor, hy[0], 0.0, "the outline rises from the floor at the left edge");
        assertEquals(floor, hy[n - 1], 0.0, "and falls back to it at the right edge");
        assertEquals(hx[0], hx[1], 0.0);
        assertEquals(hx[n - 2], hx[n - 1], 0.0);
        assertEquals(9.0, hx[n - 1], 1e-12, "the right edge is the largest eigenvalue");
        assertTrue(hy[1] > floor && hy[n - 2] > floor, "the first and last bins are not empty");
        assertTrue(f.note().contains("Empty bins are drawn at a tenth of the lowest bar"), f.note());
    }

    @Test
    void theTopEigenvaluesOfLanczosAreNotDrawnAsASpectrum() throws IOException {
        Path dir = RunFixtures.spectrum(tmp.resolve("top5"), new double[] {5.23, 0.61, 0.44, 0.31, 0.2});
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"spectrum\",\"method\":\"lanczos\",\"which\":\"top\",\"k\":5,\"d\":371}");
        Figure f = Figures.of(FigureKind.SPECTRUM, List.of(dir));
        assertEquals(1, f.panels().size());
        Panel p = f.panels().get(0);
        assertEquals("Top 5 of d = 371 eigenvalues", p.title());
        assertEquals(List.of("top 5 of 371 eigenvalues (lanczos)"), p.seriesNames());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, p.series().get(0).x());
        assertArrayEquals(new double[] {5.23, 0.61, 0.44, 0.31, 0.2}, p.series().get(0).y());
        for (Annotation a : p.annotations()) {
            assertFalse(a.text().contains("bulk of") || a.text().contains("outlier ("), a.text());
        }
        assertEquals("the other 366 were not computed: no histogram, no outlier count", p.annotations().get(0).text());
        assertFalse(f.title().contains("bulk"), f.title());
        assertFalse(f.note().contains("histogram") || f.note().contains("Empty bins"), f.note());
    }

    @Test
    void fidelityErrorsAtOrBelowTheirFloorAreCrossedAtTheFloorAndTheNoteSaysSo() throws IOException {
        Path dir = RunFixtures.fidelity(tmp.resolve("fid"), new Object[][] {
            {"mc:8+compensated", 0.4, 0.0, 0.13, 0.26, 0.33},
            {"plugin+per-sample", 0.4, 0.5, 0.12, 0.07, 0.30},
            {"mc:8+compensated", 1.3, 0.02, 0.18, 0.9, 0.08},
            {"plugin+per-sample", 1.3, 1.2, 0.17, 0.11, 0.07}});
        Figure f = Figures.of(FigureKind.FIDELITY, List.of(dir));
        Panel mean = f.panels().get(0);
        Series crossed = mean.series(Figures.UNRESOLVED).orElseThrow();
        assertEquals(Style.Marker.CROSS, crossed.style().marker());
        assertArrayEquals(new double[] {0.4, 1.3}, crossed.x(), "the error of 0 and the error of 0.02 under its floor 0.18");
        assertArrayEquals(new double[] {0.13, 0.18}, crossed.y());
        Panel cov = f.panels().get(1);
        assertArrayEquals(new double[] {0.4, 0.4}, cov.series(Figures.UNRESOLVED).orElseThrow().x());
        assertTrue(f.note().contains("came out as 0") && f.note().contains("×"), f.note());
    }

    @Test
    void fidelityFloorsAreOneGreyBandFromTheLowestToTheHighestNotOnePerEstimator() throws IOException {
        Object[][] rows = new Object[6 * 2][];
        for (int e = 0; e < 6; e++) {
            rows[2 * e] = new Object[] {"estimator-" + e, 0.5, 0.5, 0.10 + 0.01 * e, 0.5, 0.2};
            rows[2 * e + 1] = new Object[] {"estimator-" + e, 2.0, 0.7, 0.20 + 0.01 * e, 0.6, 0.3};
        }
        Figure f = Figures.of(FigureKind.FIDELITY, List.of(RunFixtures.fidelity(tmp.resolve("six"), rows)));
        Panel mean = f.panels().get(0);
        assertEquals(1, mean.bands().size(), "one band for six estimators");
        Band floors = mean.bands().get(0);
        assertEquals(Style.GREY, floors.colour());
        assertArrayEquals(new double[] {0.10, 0.20}, floors.lo(), 1e-12);
        assertArrayEquals(new double[] {0.15, 0.25}, floors.hi(), 1e-12);
        Panel cov = f.panels().get(1);
        assertTrue(cov.bands().isEmpty(), "equal floors: a line, not a band");
        Series line = cov.series(Figures.FLOOR).orElseThrow();
        assertArrayEquals(new double[] {0.2, 0.3}, line.y(), 1e-12);
        assertEquals(Style.GREY, line.style().colour());
    }

    @Test
    void anOutlierStudyGetsOnePanelPerClassCountWithTheStudysCount() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Files.writeString(dir.resolve("outliers.csv"), "k,d,train_loss,train_acc,outliers,gap\n2,102,0.1,1.0,1,50\n4,104,0.1,1.0,3,40\n");
        org.samsde.core.io.Npy.write(dir.resolve("eigenvalues_2.npy"),
                org.samsde.core.io.NpyArray.ofDoubles(org.samsde.core.testing.Problems.bulkAndOutliers(101, 3.0), 102));
        org.samsde.core.io.Npy.write(dir.resolve("eigenvalues_4.npy"),
                org.samsde.core.io.NpyArray.ofDoubles(org.samsde.core.testing.Problems.bulkAndOutliers(101, 5.0, 4.0, 3.0), 104));
        Figure f = Figures.of(FigureKind.SPECTRUM, List.of(dir));
        assertEquals(List.of("k = 2 classes", "k = 4 classes"), f.panels().stream().map(Panel::title).toList());
        Panel four = f.panels().get(1);
        assertEquals(List.of("eigenvalue histogram", "outliers"), four.seriesNames(), "one legend serves every panel");
        assertEquals(3, four.series("outliers").orElseThrow().size());
        assertTrue(four.annotations().get(0).text().startsWith("3 outliers, bulk of 101"), four.annotations().get(0).text());
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }

    @Test
    void slqSpectrumCountsOutliersFromTheRitzValues() throws IOException {
        double[] nodes = {-0.01, 0.0, 0.01, 0.02, 4.0, 8.0, -0.02, 0.0, 0.015, 0.03, 4.0, 8.0};
        double[] weights = {0.3, 0.3, 0.2, 0.1, 0.05, 0.05, 0.3, 0.3, 0.2, 0.1, 0.05, 0.05};
        Path dir = RunFixtures.density(tmp.resolve("slq"), 50, nodes, weights, 2);
        Panel p = Figures.of(FigureKind.SPECTRUM, List.of(dir)).panels().get(0);
        assertEquals(List.of("SLQ density"), p.seriesNames());
        assertTrue(p.annotations().get(0).text().matches("2 outliers \\(λ > [0-9.]+\\), bulk of 48, from SLQ.*"), p.annotations().get(0).text());
        for (double y : p.series().get(0).y()) {
            assertTrue(y > 0);
        }
    }

    @Test
    void missingFilesAreOneLineInputErrorsNamingThem() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (FigureKind k : FigureKind.values()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Figures.of(k, List.of(empty)), k.label());
            assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertThrows(InvalidInputException.class, () -> Figures.of(FigureKind.COMPARE, List.of(tmp.resolve("nope"))));
        assertThrows(InvalidInputException.class, () -> Figures.of(FigureKind.COMPARE, List.of()));
    }

    @Test
    void writeDefaultLeavesPngAndSvgInTheRunDirectory() throws IOException {
        Path dir = compareDir();
        List<Path> files = Figures.writeDefault(dir, FigureKind.COMPARE);
        assertEquals(List.of(dir.resolve("figure.png"), dir.resolve("figure.svg")), files);
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f.toString());
        }
    }

    @Test
    void kindsParseFromTheirLabels() {
        assertEquals(FigureKind.ALIGNMENT, FigureKind.parse("Alignment"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FigureKind.parse("bars"));
        assertTrue(e.getMessage().contains("compare, alignment, spectrum, approx, losses"), e.getMessage());
    }
}
