package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.sde.study.Landscape;

/**
 * The files of {@code samsde landscape} and {@code study sagun}: a line as {@code NAME.csv}
 * ({@code t} and {@link Landscape.Point#COLUMNS}) and {@code NAME.npz} (the same columns as 1-d
 * arrays); a plane as {@code plane.csv} (long form: {@code alpha,beta} and the measurements, β
 * outer, α inner), {@code plane.npz} (the grids and β × α arrays) and {@code directions.npy} (2 × d).
 */
public final class LandscapeFiles {
    /** The usual name of a line ({@code line.csv}, {@code line.npz}). */
    public static final String LINE = "line";
    /** The plane in long form. */
    public static final String PLANE_CSV = "plane.csv";
    /** The plane as arrays. */
    public static final String PLANE_NPZ = "plane.npz";
    /** The plane's directions u and v, 2 × d. */
    public static final String DIRECTIONS = "directions.npy";
    /** Column of a line: the interpolation coordinate. */
    public static final String T = "t";
    /** Column of the plane: α. */
    public static final String ALPHA = "alpha";
    /** Column of the plane: β. */
    public static final String BETA = "beta";

    private LandscapeFiles() {
    }

    /**
     * @param name a line's name
     * @return its CSV file name
     */
    public static String lineCsv(String name) {
        return name + ".csv";
    }

    /**
     * @param name a line's name
     * @return its NPZ file name
     */
    public static String lineNpz(String name) {
        return name + ".npz";
    }

    /**
     * Writes {@code NAME.csv} and {@code NAME.npz}.
     *
     * @param dir the directory (must exist)
     * @param name the line's name
     * @param line the line
     * @throws IOException when a file cannot be written
     */
    public static void writeLine(Path dir, String name, Landscape.Line line) throws IOException {
        double[] t = line.t();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            rows.add(t[i] + "," + Csv.join(line.points().get(i).values()));
        }
        List<String> columns = new ArrayList<>(List.of(T));
        columns.addAll(Landscape.Point.COLUMNS);
        Csv.write(dir.resolve(lineCsv(name)), columns, rows);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(T, NpyArray.ofDoubles(t, t.length));
        for (int k = 0; k < Landscape.Point.COLUMNS.size(); k++) {
            int col = k;
            double[] v = line.points().stream().mapToDouble(p -> p.values()[col]).toArray();
            arrays.put(Landscape.Point.COLUMNS.get(k), NpyArray.ofDoubles(v, v.length));
        }
        Npz.write(dir.resolve(lineNpz(name)), arrays);
    }

    /**
     * @param dir the directory
     * @param name the line's name
     * @return the line read from {@code NAME.csv}
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static Landscape.Line readLine(Path dir, String name) {
        Path file = dir.resolve(lineCsv(name));
        List<String> required = new ArrayList<>(List.of(T));
        required.addAll(Landscape.Point.COLUMNS);
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        double[] t = new double[csv.size()];
        List<Landscape.Point> points = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            t[r] = csv.number(r, T);
            points.add(point(csv, r));
        }
        try {
            return new Landscape.Line(t, points);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code plane.csv}, {@code plane.npz} and {@code directions.npy}.
     *
     * @param dir the directory (must exist)
     * @param plane the plane
     * @throws IOException when a file cannot be written
     */
    public static void writePlane(Path dir, Landscape.Plane plane) throws IOException {
        double[] alpha = plane.alpha();
        double[] beta = plane.beta();
        List<String> rows = new ArrayList<>();
        for (int j = 0; j < beta.length; j++) {
            for (int i = 0; i < alpha.length; i++) {
                rows.add(alpha[i] + "," + beta[j] + "," + Csv.join(plane.at(i, j).values()));
            }
        }
        List<String> columns = new ArrayList<>(List.of(ALPHA, BETA));
        columns.addAll(Landscape.Point.COLUMNS);
        Csv.write(dir.resolve(PLANE_CSV), columns, rows);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(ALPHA, NpyArray.ofDoubles(alpha, alpha.length));
        arrays.put(BETA, NpyArray.ofDoubles(beta, beta.length));
        for (int k = 0; k < Landscape.Point.COLUMNS.size(); k++) {
            int col = k;
            arrays.put(Landscape.Point.COLUMNS.get(k), NpyArray.ofDoubles(plane.column(p -> p.values()[col]), beta.length, alpha.length));
        }
        Npz.write(dir.resolve(PLANE_NPZ), arrays);
        double[] u = plane.basis().u();
        double[] v = plane.basis().v();
        double[] both = new double[2 * u.length];
        System.arraycopy(u, 0, both, 0, u.length);
        System.arraycopy(v, 0, both, u.length, v.length);
        Npy.write(dir.resolve(DIRECTIONS), NpyArray.ofDoubles(both, 2, u.length));
    }

    /**
     * Reads the grid and measurements of {@code plane.csv}. The files do not hold the plane's
     * origin, kind or marks, so the caller gives the basis (its directions are in {@code directions.npy}).
     *
     * @param dir the directory
     * @param basis the plane's basis
     * @return the plane
     * @throws InvalidInputException naming the file when it is missing, malformed or not a full grid
     */
    public static Landscape.Plane readPlane(Path dir, Landscape.Basis basis) {
        Path file = dir.resolve(PLANE_CSV);
        List<String> required = new ArrayList<>(List.of(ALPHA, BETA));
        required.addAll(Landscape.Point.COLUMNS);
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        TreeSet<Double> alphas = new TreeSet<>();
        TreeSet<Double> betas = new TreeSet<>();
        List<Landscape.Point> points = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            alphas.add(csv.number(r, ALPHA));
            betas.add(csv.number(r, BETA));
            points.add(point(csv, r));
        }
        double[] alpha = alphas.stream().mapToDouble(Double::doubleValue).toArray();
        double[] beta = betas.stream().mapToDouble(Double::doubleValue).toArray();
        for (int r = 0; r < csv.size(); r++) {
            if (r >= (long) alpha.length * beta.length || csv.number(r, ALPHA) != alpha[r % alpha.length]
                    || csv.number(r, BETA) != beta[r / alpha.length]) {
                throw new InvalidInputException(file + ": line " + (r + 2) + " is not in grid order (β outer, α inner)");
            }
        }
        try {
            return new Landscape.Plane(basis, alpha, beta, points);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static Landscape.Point point(CsvTable csv, int r) {
        List<String> c = Landscape.Point.COLUMNS;
        return new Landscape.Point(csv.number(r, c.get(0)), csv.number(r, c.get(1)), csv.number(r, c.get(2)), csv.number(r, c.get(3)));
    }
}
