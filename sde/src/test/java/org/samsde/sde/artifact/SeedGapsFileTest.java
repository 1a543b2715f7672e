package org.samsde.sde.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.sde.study.SeedGaps;

/** {@code gaps.csv} of {@link SeedGapsFile}: what it writes it reads back as equal records, its header leads with the verdict, and it refuses what it cannot hold. */
class SeedGapsFileTest {
    @TempDir
    Path tmp;

    private static final List<SeedGaps.Gap> GAPS = List.of(
            new SeedGaps.Gap("sam2", "train_loss", 1.25e-3, 1e-4, 2.4e-3 + 1e-19, true, true, 8, 8, 0, "sam", 3.3e-4, 7, 0.0071, 0.0426),
            new SeedGaps.Gap("runs/b:sam", "lambda_max", -0.5, -1.5, 0.5, false, false, 6, 8, 2, "sam", 0.31, 11.4, 0.13, 1.0),
            new SeedGaps.Gap("sam3", "norm", 0, 0, 0, false, true, 2, 2, 0, "sam", 0, 1, 1, 1));

    @Test
    void gapsRoundTripWithTheVerdictColumnsFirst() throws IOException {
        Path f = tmp.resolve(SeedGapsFile.NAME);
        SeedGapsFile.write(f, GAPS);
        String header = Files.readAllLines(f).get(0);
        assertTrue(header.startsWith("candidate,observable,gap,lo,hi,resolved,"), header);
        assertEquals(String.join(",", SeedGapsFile.columns()), header);
        assertEquals("candidate,observable,gap,lo,hi,resolved,reference,paired,seeds,reference_seeds,diverged,se,df,p,p_holm", header);
        assertEquals(GAPS, SeedGapsFile.read(f));
        assertTrue(Files.readAllLines(f).get(1).startsWith("sam2,train_loss,0.00125,1.0E-4,"), Files.readAllLines(f).get(1));
        assertTrue(Files.readAllLines(f).get(1).contains(",1,sam,1,8,8,0,"), "resolved and paired as 1: " + Files.readAllLines(f).get(1));
    }

    @Test
    void malformedFilesAndLabelsAreRefused() throws IOException {
        Path f = tmp.resolve(SeedGapsFile.NAME);
        SeedGapsFile.write(f, GAPS);
        Files.writeString(f, Files.readString(f).replaceFirst(",1,sam,1,8,", ",yes,sam,1,8,"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SeedGapsFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("resolved"), e.getMessage());
        Files.writeString(f, "model,eta,rho,gap,halfwidth,step,resolved\nsam2,0.1,0.2,0.3,0.1,10,1\n");
        e = assertThrows(InvalidInputException.class, () -> SeedGapsFile.read(f));
        assertTrue(e.getMessage().contains("no column 'candidate'"), "the other gaps.csv is not this one: " + e.getMessage());
        SeedGaps.Gap comma = new SeedGaps.Gap("a,b", "norm", 0, 0, 0, false, true, 2, 2, 0, "sam", 0, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> SeedGapsFile.write(tmp.resolve("x.csv"), List.of(comma)));
    }
}
