package org.samsde.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.samsde.core.InvalidInputException;

/**
 * One cell of a sweep: a point of the product of its factors, run as one ordinary command in its
 * own directory {@code cells/<dir>}.
 *
 * @param index the cell's index, 0-based, in product order (the Slurm array task id)
 * @param dir the directory name under {@code cells/}: the zero-padded index and a short readable
 *     key of the varied values, e.g. {@code 0003-lr=0.1_rho=0.05}
 * @param values the values the factors give this cell, in factor order
 * @param options every option of the cell: the fixed ones and the values
 */
public record Cell(int index, String dir, Map<String, Object> values, Map<String, Object> options) {

    /** The longest readable key kept in a directory name, in characters. */
    public static final int MAX_KEY = 48;

    /**
     * Copies the maps, keeping their order.
     *
     * @param index the cell's index, 0-based, in product order (the Slurm array task id)
     * @param dir the directory name under {@code cells/}: the zero-padded index and a short readable
     *     key of the varied values, e.g. {@code 0003-lr=0.1_rho=0.05}
     * @param values the values the factors give this cell, in factor order
     * @param options every option of the cell: the fixed ones and the values
     */
    public Cell {
        Objects.requireNonNull(dir, "dir");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * The directory name: the index padded to {@code width} digits, then {@code name=value} pairs
     * joined by underscores, with characters other than letters, digits and {@code .=+-} replaced
     * by {@code _} and cut at {@link #MAX_KEY} characters. The index alone keeps names unique; the
     * key is for people reading a listing.
     *
     * @param index the index
     * @param width digits of the index
     * @param values the varied values
     * @return the name
     */
    public static String directoryName(int index, int width, Map<String, Object> values) {
        StringBuilder key = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (key.length() > 0) {
                key.append('_');
            }
            key.append(e.getKey()).append('=').append(SweepSpec.text(e.getValue()));
        }
        String k = key.toString().replaceAll("[^A-Za-z0-9.=+-]", "_");
        if (k.length() > MAX_KEY) {
            k = k.substring(0, MAX_KEY);
        }
        String n = String.format("%0" + width + "d", index);
        return k.isEmpty() ? n : n + "-" + k;
    }

    /**
     * @param text cell indices: comma-separated numbers and ranges A-B
     * @param size the number of cells
     * @return the indices, ascending, without repeats
     * @throws InvalidInputException for a malformed list or an index out of range
     */
    public static List<Integer> indices(String text, int size) {
        Set<Integer> out = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1));
                if (lo < 0 || hi >= size || lo > hi) {
                    throw new InvalidInputException("--index: " + p + " is out of range (the sweep has cells 0.." + (size - 1) + ")");
                }
                for (int i = lo; i <= hi; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--index: expected cell numbers or ranges (3,5-7), got '" + text + "'");
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param indices ascending indices
     * @return them as ranges, as Slurm's --array takes them: 0-3,5,7-9
     */
    public static String ranges(List<Integer> indices) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < indices.size(); ) {
            int j = i;
            while (j + 1 < indices.size() && indices.get(j + 1) == indices.get(j) + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(indices.get(i));
            if (j > i) {
                s.append('-').append(indices.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }
}
