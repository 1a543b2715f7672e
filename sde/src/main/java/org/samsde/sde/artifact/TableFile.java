package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.study.TableStudy;

/**
 * {@code table.csv} of {@code samsde study table}: one row per method ({@link TableStudy.Row}),
 * each statistic as its mean and standard deviation over seeds; beside it {@code table.md}, the
 * same table in Markdown for reading.
 */
public final class TableFile {
    /** The file name in a study directory. */
    public static final String NAME = "table.csv";
    /** The Markdown rendering. */
    public static final String MARKDOWN = "table.md";
    /** Column: the method's label. */
    public static final String METHOD = "method";
    /** Column: seeds run. */
    public static final String SEEDS = "seeds";
    /** Column: seeds that diverged. */
    public static final String DIVERGED = "diverged";
    /** Statistic: final test accuracy. */
    public static final String TEST_ACC = "test_acc";
    /** Statistic: paired gain of test accuracy over the first method. */
    public static final String ACC_GAIN = "acc_gain";
    /** Statistic: final λ_max. */
    public static final String LAMBDA_MAX = "lambda_max";
    /** Statistic: final training loss. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Statistic: final test loss. */
    public static final String TEST_LOSS = "test_loss";
    /** Suffix of a statistic's mean. */
    public static final String MEAN = "_mean";
    /** Suffix of a statistic's standard deviation. */
    public static final String STD = "_std";

    private static final List<String> STATS = List.of(TEST_ACC, ACC_GAIN, LAMBDA_MAX, TRAIN_LOSS, TEST_LOSS);

    private TableFile() {
    }

    /** @return the header's names in order */
    public static List<String> columns() {
        List<String> c = new ArrayList<>(List.of(METHOD, SEEDS, DIVERGED));
        for (String s : STATS) {
            c.add(s + MEAN);
            c.add(s + STD);
        }
        return c;
    }

    /**
     * @param rows the table's rows; not modified
     * @return one CSV line per row without the header (numbers round-trip exactly), as run.json records them too
     */
    public static List<String> lines(List<TableStudy.Row> rows) {
        List<String> out = new ArrayList<>();
        for (TableStudy.Row r : rows) {
            out.add(r.method() + "," + r.seeds() + "," + r.diverged() + "," + stat(r.testAccuracy()) + "," + stat(r.accuracyGain()) + ","
                    + stat(r.lambdaMax()) + "," + stat(r.trainLoss()) + "," + stat(r.testLoss()));
        }
        return out;
    }

    private static String stat(TableStudy.Stat s) {
        return s.mean() + "," + s.std();
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<TableStudy.Row> rows) throws IOException {
        Csv.write(file, columns(), lines(rows));
    }

    /**
     * @param file the Markdown file, written atomically
     * @param text its text
     * @throws IOException when it cannot be written
     */
    public static void writeMarkdown(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    /**
     * @param file the file
     * @return its rows, in file order; the file does not store each statistic's count of finite
     *     values, which reads back as seeds − diverged
     * @throws org.samsde.core.InvalidInputException naming the file when it is missing or malformed
     */
    public static List<TableStudy.Row> read(Path file) {
        CsvTable csv = CsvTable.read(file, columns().toArray(String[]::new));
        List<TableStudy.Row> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new TableStudy.Row(csv.text(r, METHOD), (int) csv.number(r, SEEDS), (int) csv.number(r, DIVERGED), stat(csv, r, TEST_ACC),
                    stat(csv, r, ACC_GAIN), stat(csv, r, LAMBDA_MAX), stat(csv, r, TRAIN_LOSS), stat(csv, r, TEST_LOSS)));
        }
        return out;
    }

    private static TableStudy.Stat stat(CsvTable csv, int r, String name) {
        int count = (int) csv.number(r, SEEDS) - (int) csv.number(r, DIVERGED);
        return new TableStudy.Stat(csv.number(r, name + MEAN), csv.number(r, name + STD), count);
    }
}
