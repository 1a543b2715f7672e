package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.study.OutlierStudy;

/**
 * The table of {@code samsde study outliers}: {@code outliers.csv}, one row per class count
 * ({@link OutlierStudy.Spectrum}), and beside it {@code eigenvalues_K.npy}, the full spectrum of each.
 */
public final class OutliersFile {
    /** The table's file name in a study directory. */
    public static final String NAME = "outliers.csv";
    /** Column: the class count k. */
    public static final String K = "k";
    /** Column: the parameter count d. */
    public static final String D = "d";
    /** Column: the final training loss. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Column: the final training accuracy. */
    public static final String TRAIN_ACC = "train_acc";
    /** Column: the outlier count. */
    public static final String OUTLIERS = "outliers";
    /** Column: the widest ratio gap that separates them. */
    public static final String GAP = "gap";

    private static final List<String> COLUMNS = List.of(K, D, TRAIN_LOSS, TRAIN_ACC, OUTLIERS, GAP);

    private OutliersFile() {
    }

    /**
     * @param k the class count
     * @return the file of its eigenvalues
     */
    public static String eigenvalues(int k) {
        return "eigenvalues_" + k + ".npy";
    }

    /**
     * Writes outliers.csv and one eigenvalues_K.npy per row.
     *
     * @param dir the study directory (must exist)
     * @param spectra the rows; not modified
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, List<OutlierStudy.Spectrum> spectra) throws IOException {
        List<String> rows = new ArrayList<>();
        for (OutlierStudy.Spectrum sp : spectra) {
            rows.add(sp.classes() + "," + sp.dimension() + "," + sp.trainLoss() + "," + sp.trainAccuracy() + "," + sp.outliers() + ","
                    + sp.gap());
            Npy.write(dir.resolve(eigenvalues(sp.classes())), NpyArray.ofDoubles(sp.eigenvalues(), sp.eigenvalues().length));
        }
        Csv.write(dir.resolve(NAME), COLUMNS, rows);
    }

    /**
     * @param dir the study directory
     * @return its rows in file order, each with its eigenvalues
     * @throws InvalidInputException naming the file when one is missing or malformed
     */
    public static List<OutlierStudy.Spectrum> read(Path dir) {
        CsvTable csv = CsvTable.read(dir.resolve(NAME), COLUMNS.toArray(String[]::new));
        List<OutlierStudy.Spectrum> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            int k = (int) csv.number(r, K);
            out.add(new OutlierStudy.Spectrum(k, (int) csv.number(r, D), csv.number(r, TRAIN_LOSS), csv.number(r, TRAIN_ACC),
                    SpectrumFiles.vector(dir.resolve(eigenvalues(k))), (int) csv.number(r, OUTLIERS), csv.number(r, GAP)));
        }
        return out;
    }
}
