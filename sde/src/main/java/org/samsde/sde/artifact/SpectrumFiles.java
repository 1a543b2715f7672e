package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/**
 * The files of {@code samsde spectrum}: {@code eigenvalues.npy} (and {@code eigenvectors.npy}) of
 * methods full, lanczos and power; the SLQ density {@code density.csv} with its quadrature
 * {@code slq_nodes.npy} and {@code slq_weights.npy} (probes × steps); {@code trace.json} of
 * Hutchinson's estimator; and {@link RunInfo run.json}.
 */
public final class SpectrumFiles {
    /** Eigenvalues, descending, 1-d. */
    public static final String EIGENVALUES = "eigenvalues.npy";
    /** Eigenvectors, one per row. */
    public static final String EIGENVECTORS = "eigenvectors.npy";
    /** The SLQ density on its grid. */
    public static final String DENSITY = "density.csv";
    /** SLQ Ritz values, probes × steps. */
    public static final String SLQ_NODES = "slq_nodes.npy";
    /** SLQ quadrature weights, probes × steps. */
    public static final String SLQ_WEIGHTS = "slq_weights.npy";
    /** Hutchinson's trace estimate. */
    public static final String TRACE = "trace.json";
    /** Column of density.csv: the grid point. */
    public static final String X = "x";
    /** Column of density.csv: the density there. */
    public static final String DENSITY_COLUMN = "density";
    /** Field of trace.json: the estimate. */
    public static final String TRACE_FIELD = "trace";
    /** Field of trace.json: its standard error. */
    public static final String STDERR = "stderr";
    /** Field of trace.json: the number of probes. */
    public static final String PROBES = "probes";

    private SpectrumFiles() {
    }

    /**
     * A density on a grid.
     *
     * @param x the grid
     * @param density the values, as long as the grid
     */
    public record Density(double[] x, double[] density) {
        /**
         * Checks the lengths; copies.
         *
         * @param x the grid
         * @param density the values, as long as the grid
         */
        public Density {
            if (x.length != density.length) {
                throw new IllegalArgumentException("grid and density differ in length: " + x.length + " and " + density.length);
            }
            x = x.clone();
            density = density.clone();
        }

        /** @return a copy of the grid */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** @return a copy of the values */
        @Override
        public double[] density() {
            return density.clone();
        }
    }

    /**
     * Hutchinson's estimate of tr H.
     *
     * @param trace the estimate
     * @param stderr its standard error
     * @param probes the number of probes
     */
    public record Trace(double trace, double stderr, int probes) {
        /** @return the fields of trace.json, in order */
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(TRACE_FIELD, trace);
            m.put(STDERR, stderr);
            m.put(PROBES, probes);
            return m;
        }
    }

    /**
     * @param file the file, written atomically
     * @param density the density
     * @throws IOException when it cannot be written
     */
    public static void writeDensity(Path file, Density density) throws IOException {
        double[] x = density.x();
        double[] y = density.density();
        List<String> rows = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            rows.add(x[i] + "," + y[i]);
        }
        Csv.write(file, List.of(X, DENSITY_COLUMN), rows);
    }

    /**
     * @param file the file
     * @return the density
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static Density readDensity(Path file) {
        CsvTable csv = CsvTable.read(file, X, DENSITY_COLUMN);
        double[] x = new double[csv.size()];
        double[] y = new double[csv.size()];
        for (int r = 0; r < csv.size(); r++) {
            x[r] = csv.number(r, X);
            y[r] = csv.number(r, DENSITY_COLUMN);
        }
        return new Density(x, y);
    }

    /**
     * @param file the file, written atomically
     * @param trace the estimate
     * @throws IOException when it cannot be written
     */
    public static void writeTrace(Path file, Trace trace) throws IOException {
        JsonFile.write(file, trace.fields());
    }

    /**
     * @param file the file
     * @return the estimate
     * @throws InvalidInputException naming the file when it is missing, not JSON or lacks a field
     */
    public static Trace readTrace(Path file) {
        JsonNode n = JsonFile.read(file);
        for (String f : List.of(TRACE_FIELD, STDERR, PROBES)) {
            if (!n.has(f)) {
                throw new InvalidInputException(file + ": no field '" + f + "'");
            }
        }
        return new Trace(n.get(TRACE_FIELD).asDouble(), n.get(STDERR).asDouble(), n.get(PROBES).asInt());
    }

    /**
     * @param file the file, written atomically
     * @param values the eigenvalues; not modified
     * @throws IOException when it cannot be written
     */
    public static void writeVector(Path file, double[] values) throws IOException {
        Npy.write(file, NpyArray.ofDoubles(values, values.length));
    }

    /**
     * @param file a 1-d array of eigenvalues
     * @return its values
     * @throws InvalidInputException naming the file when it is missing, malformed or not 1-d
     */
    public static double[] vector(Path file) {
        NpyArray a = Npy.read(file);
        if (a.rank() != 1) {
            throw new InvalidInputException(file + ": expected a 1-d array of eigenvalues, got rank " + a.rank());
        }
        return a.doubles();
    }
}
