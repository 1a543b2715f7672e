package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.samsde.core.InvalidInputException;

/**
 * A small CSV table as the toolkit writes it (the reading side of every CSV artifact): a header line, comma-separated fields, no quoting,
 * numbers in Java's or NumPy's notation ({@code NaN}, {@code Infinity} allowed).
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;

    private CsvTable(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads a table and checks that it has the named columns.
     *
     * @param file the file
     * @param required columns that must be present
     * @return the table
     * @throws InvalidInputException naming the file when it is missing, empty, ragged or lacks a column
     */
    public static CsvTable read(Path file, String... required) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": file not found");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new InvalidInputException(file + ": empty file, expected a header line");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
        for (String c : required) {
            if (!header.contains(c)) {
                throw new InvalidInputException(file + ": no column '" + c + "' (header: " + lines.get(0) + ")");
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                throw new InvalidInputException(file + ": line " + (i + 1) + " has " + f.length + " fields, the header "
                        + header.size());
            }
            rows.add(f);
        }
        return new CsvTable(file, header, rows);
    }

    /** @return the column names, in file order */
    public List<String> header() {
        return header;
    }

    /** @return the number of data rows */
    public int size() {
        return rows.size();
    }

    /**
     * @param column a column name
     * @return whether the header names the column
     */
    public boolean has(String column) {
        return header.contains(column);
    }

    /**
     * @param row the row index
     * @param column the column name (must exist)
     * @return the field, trimmed
     */
    public String text(int row, String column) {
        return rows.get(row)[index(column)].trim();
    }

    /**
     * @param row the row index
     * @param column the column name (must exist)
     * @return the field as a number
     * @throws InvalidInputException naming the file, line and column when it is not a number
     */
    public double number(int row, String column) {
        String s = text(row, column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": line " + (row + 2) + ", column " + column + ": not a number: '" + s + "'");
        }
    }

    private int index(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new InvalidInputException(file + ": no column '" + column + "'");
        }
        return i;
    }
}
