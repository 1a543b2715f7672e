package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Wrapping of a figure's note: every word kept, no line wider than asked, equations never split. */
class TextTest {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    @Test
    void wrappingKeepsTheTextAndNeverBreaksAnEquationAtItsEqualsSign() {
        String text = "mlp:2-16-16-3:tanh on blobs (n = 512, test 128), ρ = 2.0·η^0.333, φ = loss, B = full";
        boolean wrapped = false;
        for (double width = 60; width <= 700; width += 5) {
            List<String> lines = Text.wrap(FONT, text, width);
            wrapped |= lines.size() > 1;
            assertEquals(text, String.join(" ", lines), "no word lost at width " + width);
            for (String line : lines) {
                assertFalse(line.startsWith("=") || line.endsWith("="), "'" + line + "' at width " + width);
                assertTrue(Text.width(FONT, line) <= width || !line.contains(" ") || line.matches("\\S+ = \\S+"),
                        "'" + line + "' is wider than " + width + " and could have been broken");
            }
        }
        assertTrue(wrapped, "the narrow widths wrap");
    }
}
