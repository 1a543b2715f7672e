package org.samsde.plots;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Text drawn as filled glyph outlines, measured with one fixed font render context, so that a
 * figure's own text (title, shared legend, note, annotations) looks and wraps the same in PNG,
 * SVG and PDF, whatever fonts the viewer has — XChart draws its text the same way.
 */
final class Text {
    /** Antialiased, fractional metrics: the same measurements on every canvas. */
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private Text() {
    }

    /**
     * @param font the font
     * @param s the text
     * @return its advance width
     */
    static double width(Font font, String s) {
        return s.isEmpty() ? 0 : new TextLayout(s, font, FRC).getAdvance();
    }

    /**
     * @param font the font
     * @return the ascent (baseline to top)
     */
    static double ascent(Font font) {
        return metrics(font).getAscent();
    }

    /**
     * @param font the font
     * @return the line height (ascent, descent and leading)
     */
    static double lineHeight(Font font) {
        return metrics(font).getHeight();
    }

    private static LineMetrics metrics(Font font) {
        return font.getLineMetrics("Hgλ‖", FRC);
    }

    /**
     * Draws text with the graphics' current paint.
     *
     * @param g the canvas
     * @param font the font
     * @param s the text
     * @param x the left end
     * @param baseline the baseline
     */
    static void draw(Graphics2D g, Font font, String s, double x, double baseline) {
        if (s.isEmpty()) {
            return;
        }
        g.fill(new TextLayout(s, font, FRC).getOutline(AffineTransform.getTranslateInstance(x, baseline)));
    }

    /**
     * Draws text centred on a vertical line.
     *
     * @param g the canvas
     * @param font the font
     * @param s the text
     * @param centre the x of the centre
     * @param baseline the baseline
     */
    static void centred(Graphics2D g, Font font, String s, double centre, double baseline) {
        draw(g, font, s, centre - width(font, s) / 2, baseline);
    }

    /**
     * Breaks text at spaces into lines no wider than the width (a single long word stays whole;
     * an equation such as "ρ = 0.05" is one word, so a line never ends or starts at its "=").
     *
     * @param font the font
     * @param text the text
     * @param maxWidth the width
     * @return the lines
     */
    static List<String> wrap(Font font, String text, double maxWidth) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : words(text)) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(font, next) > maxWidth) {
                lines.add(line);
                line = word;
            } else {
                line = next;
            }
        }
        lines.add(line);
        return lines;
    }

    /** The words of a text split at spaces, an equation "a = b" kept as one word (never broken at its "="). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            int last = words.size() - 1;
            if (last >= 0 && !w.isEmpty() && (w.equals("=") || words.get(last).endsWith(" ="))) {
                words.set(last, words.get(last) + " " + w);
            } else {
                words.add(w);
            }
        }
        return words;
    }
}
