package org.samsde.sde.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.samsde.core.InvalidInputException;
import org.samsde.core.hessian.Outliers;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Summary;
import org.samsde.sde.study.ApproxStudy;
import org.samsde.sde.study.Landscape;
import org.samsde.sde.study.OutlierStudy;
import org.samsde.sde.study.SagunStudy;
import org.samsde.sde.study.Slopes;
import org.samsde.sde.study.TableStudy;
import org.samsde.sde.study.WeakOrderStudy;

/** Every file owner of the artifact package: what it writes, it reads back as equal records; and the headers stay as they were. */
class ArtifactRoundTripTest {
    @TempDir
    Path tmp;

    private static double[] metrics(double base) {
        double[] m = new double[Record.METRICS.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = base + 0.1 * i + 1e-17 * i;
        }
        m[m.length - 1] = Double.NaN;
        return m;
    }

    private static List<Ensemble.Trajectory> ensemble() {
        Ensemble.Trajectory a = new Ensemble.Trajectory("sam", 0, 0, List.of(Record.of(0, 0.0, metrics(1), 0.5, false, 1e-3),
                Record.of(10, 0.1, metrics(0.3), 1.25, false, Double.NaN)), new double[] {1, 2}, false, 1.25);
        Ensemble.Trajectory b = new Ensemble.Trajectory("sam", 1, 1, List.of(Record.of(0, 0.0, metrics(1.5), 0.25, false, 2e-3),
                Record.divergedAt(10, 0.1, 0.75)), new double[] {3, 4}, true, 0.75);
        return List.of(a, b);
    }

    @Test
    void trajectoriesRoundTripAndKeepTheirHeader() throws IOException {
        Path f = tmp.resolve(TrajectoriesFile.NAME);
        List<Ensemble.Trajectory> t = ensemble();
        TrajectoriesFile.write(f, t);
        assertEquals("method,seed,step,time," + String.join(",", Record.METRICS) + ",lambda_residual,seconds,diverged",
                Files.readAllLines(f).get(0));
        List<Ensemble.Trajectory> back = TrajectoriesFile.read(f);
        assertEquals(t.size(), back.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.get(i).method(), back.get(i).method());
            assertEquals(t.get(i).seedIndex(), back.get(i).seedIndex());
            assertEquals(t.get(i).diverged(), back.get(i).diverged());
            assertEquals(t.get(i).records(), back.get(i).records(), "records, bit for bit");
        }
    }

    @Test
    void summaryRoundTrips() throws IOException {
        Path f = tmp.resolve(SummaryFile.NAME);
        List<Summary.Row> rows = Summary.of(ensemble());
        SummaryFile.write(f, rows);
        List<Summary.Row> back = SummaryFile.read(f);
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++) {
            Summary.Row a = rows.get(i);
            Summary.Row b = back.get(i);
            assertEquals(List.of(a.method(), a.step(), a.time(), a.seeds()), List.of(b.method(), b.step(), b.time(), b.seeds()));
            assertArrayEquals(a.mean(), b.mean());
            assertArrayEquals(a.lower(), b.lower());
            assertArrayEquals(a.upper(), b.upper());
        }
    }

    @Test
    void runFilesWriteTablesParamsAndProvenance() throws IOException {
        RunInfo info = RunInfo.of("compare", "cpu (test)", Map.of("lr", 0.1));
        RunFiles.write(tmp, ensemble(), info);
        assertEquals(Summary.of(ensemble()).size(), SummaryFile.read(tmp.resolve(SummaryFile.NAME)).size());
        assertTrue(Files.isRegularFile(tmp.resolve(RunFiles.PARAMS)));
        assertTrue(Files.isRegularFile(tmp.resolve(RunFiles.PARAMS_ALL)));
        assertFalse(Files.exists(tmp.resolve(RunInfo.NAME)), "run.json has one writer, RunDirectory");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(info.fields());
        assertEquals("compare", json.get(RunInfo.COMMAND).asText());
        assertEquals(0.1, json.get(RunInfo.CONFIG_FIELD).get("lr").asDouble());
        assertEquals(2, json.get(RunInfo.TRAJECTORIES).size());
        assertEquals(List.of(RunInfo.COMMAND, RunInfo.VERSION, RunInfo.JAVA, RunInfo.OS, RunInfo.BACKEND, RunInfo.CONFIG_FIELD,
                RunInfo.TRAJECTORIES), iterable(json.fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void gapsRoundTripAndOlderFilesReadAsResolved() throws IOException {
        Path f = tmp.resolve(GapsFile.NAME);
        List<ApproxStudy.Gap> gaps = List.of(new ApproxStudy.Gap("sam2", 0.02, 0.5428835233189814, 1.5e-3, 2e-4, 17, true),
                new ApproxStudy.Gap("sam3", 0.01, 0.43, 3e-5, Double.NaN, 3, false));
        GapsFile.write(f, gaps);
        assertEquals("model,eta,rho,gap,halfwidth,step,resolved", Files.readAllLines(f).get(0));
        assertEquals(gaps, GapsFile.read(f));
        Files.writeString(f, "model,eta,rho,gap,halfwidth,step\nsam2,0.02,0.5,0.1,0.0,4\n");
        assertTrue(GapsFile.read(f).get(0).resolved());
    }

    @Test
    void slopesRoundTripInBothShapes() throws IOException {
        Path f = tmp.resolve(SlopesFile.NAME);
        Map<String, ApproxStudy.Order> orders = new LinkedHashMap<>();
        orders.put("sam2", new ApproxStudy.Order(new Slopes.Fit(0.67, 0.03, Double.NaN), 3, 4));
        orders.put("sam3", new ApproxStudy.Order(new Slopes.Fit(Double.NaN, Double.NaN, Double.NaN), 1, 4));
        SlopesFile.writeOrders(f, orders);
        assertEquals("model,slope,stderr,levels,of", Files.readAllLines(f).get(0));
        assertEquals(orders, SlopesFile.readOrders(f));
        assertEquals(0.67, SlopesFile.readFits(f).get("sam2").slope());

        Map<String, Slopes.Fit> fits = new LinkedHashMap<>();
        fits.put("euler", new Slopes.Fit(1.01, 0.02, Double.NaN));
        fits.put("richardson", new Slopes.Fit(1.98, 0.05, Double.NaN));
        SlopesFile.writeFits(f, fits);
        assertEquals("scheme,slope,stderr", Files.readAllLines(f).get(0));
        assertEquals(fits, SlopesFile.readFits(f));
        assertThrows(InvalidInputException.class, () -> SlopesFile.readOrders(f), "a weak file has no levels");
    }

    @Test
    void weakLevelsRoundTrip() throws IOException {
        Path f = tmp.resolve(WeakFile.NAME);
        List<WeakOrderStudy.Level> levels = List.of(new WeakOrderStudy.Level("euler", 0.4, 0.81, 0.8, 0.01, 1e-3),
                new WeakOrderStudy.Level("richardson", 0.2, 0.8000001, 0.8, 1e-7, 1e-3));
        WeakFile.write(f, levels);
        assertEquals("scheme,dt,estimate,exact,error,stderr", Files.readAllLines(f).get(0));
        assertEquals(levels, WeakFile.read(f));
    }

    @Test
    void outliersRoundTripWithTheirEigenvalues() throws IOException {
        List<OutlierStudy.Spectrum> spectra = List.of(new OutlierStudy.Spectrum(2, 3, 0.1, 1.0, new double[] {5, 0.1, -0.01}, 1, 50),
                new OutlierStudy.Spectrum(4, 3, 0.2, 0.75, new double[] {9, 7, 0.2}, 2, 35));
        OutliersFile.write(tmp, spectra);
        assertEquals("k,d,train_loss,train_acc,outliers,gap", Files.readAllLines(tmp.resolve(OutliersFile.NAME)).get(0));
        List<OutlierStudy.Spectrum> back = OutliersFile.read(tmp);
        assertEquals(spectra.size(), back.size());
        for (int i = 0; i < spectra.size(); i++) {
            OutlierStudy.Spectrum a = spectra.get(i);
            OutlierStudy.Spectrum b = back.get(i);
            assertEquals(List.of(a.classes(), a.dimension(), a.trainLoss(), a.trainAccuracy(), a.outliers(), a.gap()),
                    List.of(b.classes(), b.dimension(), b.trainLoss(), b.trainAccuracy(), b.outliers(), b.gap()));
            assertArrayEquals(a.eigenvalues(), b.eigenvalues());
        }
    }

    @Test
    void spectrumDensityTraceAndEigenvaluesRoundTrip() throws IOException {
        SpectrumFiles.Density d = new SpectrumFiles.Density(new double[] {-0.1, 0.0, 0.1}, new double[] {1e-300, 3.5, 0.25});
        Path f = tmp.resolve(SpectrumFiles.DENSITY);
        SpectrumFiles.writeDensity(f, d);
        assertEquals("x,density", Files.readAllLines(f).get(0));
        SpectrumFiles.Density back = SpectrumFiles.readDensity(f);
        assertArrayEquals(d.x(), back.x());
        assertArrayEquals(d.density(), back.density());

        SpectrumFiles.Trace t = new SpectrumFiles.Trace(12.5, 0.3, 100);
        SpectrumFiles.writeTrace(tmp.resolve(SpectrumFiles.TRACE), t);
        assertEquals(t, SpectrumFiles.readTrace(tmp.resolve(SpectrumFiles.TRACE)));

        double[] ev = {3, 1, -0.5};
        SpectrumFiles.writeVector(tmp.resolve(SpectrumFiles.EIGENVALUES), ev);
        assertArrayEquals(ev, SpectrumFiles.vector(tmp.resolve(SpectrumFiles.EIGENVALUES)));
    }

    private static Landscape.Point point(double base) {
        return new Landscape.Point(base, 0.5 + base / 10, base * 2, Double.NaN);
    }

    @Test
    void landscapeLineAndPlaneRoundTrip() throws IOException {
        Landscape.Line line = new Landscape.Line(new double[] {-0.5, 0, 0.5, 1}, List.of(point(1), point(0.2), point(0.3), point(0.1)));
        LandscapeFiles.writeLine(tmp, LandscapeFiles.LINE, line);
        assertEquals("t,train_loss,train_acc,test_loss,test_acc", Files.readAllLines(tmp.resolve(LandscapeFiles.lineCsv("line"))).get(0));
        Landscape.Line back = LandscapeFiles.readLine(tmp, LandscapeFiles.LINE);
        assertArrayEquals(line.t(), back.t());
        assertEquals(line.points(), back.points());

        Landscape.Basis basis = new Landscape.Basis("random", new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, List.of());
        Landscape.Plane plane = new Landscape.Plane(basis, new double[] {-1, 0, 1}, new double[] {-2, 2},
                List.of(point(1), point(2), point(3), point(4), point(5), point(6)));
        LandscapeFiles.writePlane(tmp, plane);
        assertEquals("alpha,beta,train_loss,train_acc,test_loss,test_acc", Files.readAllLines(tmp.resolve(LandscapeFiles.PLANE_CSV)).get(0));
        assertEquals(plane, LandscapeFiles.readPlane(tmp, basis));
        assertTrue(Files.isRegularFile(tmp.resolve(LandscapeFiles.DIRECTIONS)));
    }

    @Test
    void sagunRowsRoundTrip() throws IOException {
        SagunStudy.Solution s = new SagunStudy.Solution("small", 32, new double[] {1, 2}, point(0.1),
                new SagunStudy.Spectrum("full", new double[] {4, 0.1}, 1, 4, new Outliers.Split(1, 0.1, 40), 12));
        SagunFile.writeSolutions(tmp, List.of(s));
        Path f = tmp.resolve(SagunFile.NAME);
        assertEquals("run,batch,train_loss,train_acc,test_loss,test_acc,spectrum,lambda_max,outliers,bulk_edge", Files.readAllLines(f).get(0));
        assertEquals(List.of(SagunFile.Row.of(s)), SagunFile.read(f));
        assertTrue(Files.isRegularFile(tmp.resolve(SagunFile.eigenvalues("small"))));
    }

    @Test
    void tableRowsRoundTrip() throws IOException {
        TableStudy.Row row = new TableStudy.Row("sam", 3, 1, new TableStudy.Stat(0.91, 0.01, 2), new TableStudy.Stat(0.02, 0.005, 2),
                new TableStudy.Stat(12.5, 1.5, 2), new TableStudy.Stat(0.1, 0.02, 2), new TableStudy.Stat(0.3, 0.04, 2));
        Path f = tmp.resolve(TableFile.NAME);
        TableFile.write(f, List.of(row));
        assertEquals("method,seeds,diverged,test_acc_mean,test_acc_std,acc_gain_mean,acc_gain_std,lambda_max_mean,lambda_max_std,"
                + "train_loss_mean,train_loss_std,test_loss_mean,test_loss_std", Files.readAllLines(f).get(0));
        assertEquals(List.of(row), TableFile.read(f));
    }

    @Test
    void jsonReadNamesTheFileWhenItIsNotJson() throws IOException {
        Path f = tmp.resolve(RunInfo.NAME);
        Files.writeString(f, "{not json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunInfo.read(tmp));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertEquals(0, RunInfo.read(tmp.resolve("absent")).size(), "an absent run.json reads as an empty object");
    }
}
