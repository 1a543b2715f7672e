package org.samsde.plots;

import java.util.List;
import java.util.Locale;

/**
 * Tick labels that never crowd. On log axes XChart puts a tick at every m·10ᵏ (m = 1…9); these
 * labels keep only the decades on axes spanning two decades or more, and 1, 2 and 5 times a decade
 * on shorter ones. Numbers
 * between 10⁻³ and 10⁴ are written out; others as m·10ᵏ with superscript exponents. On linear
 * axes a label has as many digits as the axis's span resolves (two decimal places below its
 * leading digit), never the 15 digits of a tick that fell on an unrounded value; on categorical
 * axes the ticks at the levels carry the levels' names and the others none.
 */
final class Ticks {
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Ticks() {
    }

    /**
     * @param v a tick value of a log axis, positive
     * @param decades how many decades the axis spans
     * @return its label, or an empty string for ticks left unlabelled
     */
    static String log(double v, double decades) {
        if (!(v > 0)) {
            return "";
        }
        int k = (int) Math.floor(Math.log10(v) + 1e-9);
        long m = Math.round(v / Math.pow(10, k));
        if (m == 10) {
            m = 1;
            k++;
        }
        boolean shown = decades >= 2 ? m == 1 : m == 1 || m == 2 || m == 5;
        if (!shown) {
            return "";
        }
        if (k >= -3 && k <= 4) {
            return plain(m * Math.pow(10, k));
        }
        return (m == 1 ? "" : m + "·") + "10" + superscript(k);
    }

    /**
     * @param v a tick value of a linear axis
     * @param span the axis's length (max − min), positive
     * @return its label: rounded to a hundredth of the span's leading decade, written out between
     *     10⁻³ and 10⁵ and as m·10ᵏ outside
     */
    static String linear(double v, double span) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double resolution = Math.pow(10, Math.floor(Math.log10(span > 0 && Double.isFinite(span) ? span : Math.max(Math.abs(v), 1e-300))) - 2);
        double r = Math.round(v / resolution) * resolution;
        if (Math.abs(r) < resolution / 2) {
            return "0";
        }
        double a = Math.abs(r);
        if (a >= 1e-3 && a < 1e5) {
            int decimals = (int) Math.max(0, Math.min(12, -Math.floor(Math.log10(resolution) + 1e-9)));
            return trim(String.format(Locale.ROOT, "%." + decimals + "f", r));
        }
        int k = (int) Math.floor(Math.log10(a) + 1e-9);
        double m = r / Math.pow(10, k);
        int decimals = (int) Math.max(0, Math.min(12, k - Math.floor(Math.log10(resolution) + 1e-9)));
        String mantissa = trim(String.format(Locale.ROOT, "%." + decimals + "f", m));
        return (mantissa.equals("1") ? "" : mantissa.equals("-1") ? "-" : mantissa + "·") + "10" + superscript(k);
    }

    /**
     * @param v a tick value of a categorical axis
     * @param levels the levels at 0, 1, …
     * @return the level's name when v is a level's position, else an empty string, or below the
     *     first level a zero-width space: XChart draws no ticks at all on an axis whose two ends
     *     it labels alike
     */
    static String category(double v, List<String> levels) {
        long i = Math.round(v);
        if (Math.abs(v - i) < 1e-6 && i >= 0 && i < levels.size()) {
            return levels.get((int) i);
        }
        return v < 0 ? "\u200B" : "";
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return s.equals("-0") ? "0" : s;
    }

    private static String plain(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * @param raw the smallest acceptable step
     * @return the least 1, 2 or 5 × 10ᵏ at or above raw
     */
    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        return (norm <= 1 + 1e-9 ? 1 : norm <= 2 + 1e-9 ? 2 : norm <= 5 + 1e-9 ? 5 : 10) * mag;
    }

    private static String superscript(int k) {
        StringBuilder b = new StringBuilder();
        if (k < 0) {
            b.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(k)).toCharArray()) {
            b.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }
}
