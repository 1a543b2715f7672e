package org.samsde.sde.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.csv: the final record of every method of a cell's summary.csv, and its round trip. */
class SweepCsvTest {
    @TempDir
    Path dir;

    @Test
    void sweepCsvTakesTheLastStepOfEveryMethodAndReadsBack() throws IOException {
        Path summary = dir.resolve("summary.csv");
        StringBuilder header = new StringBuilder("method,step,time,seeds");
        for (String c : SweepCsv.metricColumns()) {
            header.append(',').append(c);
        }
        int metrics = SweepCsv.metricColumns().size();
        String zeros = ",0.5".repeat(metrics);
        String ones = ",1.25".repeat(metrics);
        Files.writeString(summary, header + "\nsgd,0,0.0,2" + zeros + "\nsgd,10,1.0,2" + ones + "\nsam,10,1.0,2" + zeros + "\n");
        List<SweepCsv.Row> rows = SweepCsv.finalRows(summary, 3, "0003-lr=0.1", Map.of("lr", "0.1"));
        assertEquals(List.of("sgd", "sam"), rows.stream().map(SweepCsv.Row::method).toList());
        assertEquals(10, rows.get(0).step());
        assertEquals(1.25, rows.get(0).number("train_loss_mean"));
        assertEquals(0.5, rows.get(1).number("lambda_max_hi"));
        Path csv = dir.resolve(SweepCsv.NAME);
        SweepCsv.write(csv, List.of("lr"), rows);
        assertEquals(rows, SweepCsv.read(csv));
    }
}
