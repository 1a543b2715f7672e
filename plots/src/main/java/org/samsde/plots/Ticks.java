package org.samsde.plots;

import java.util.Locale;

/**
 * Tick labels that never crowd. On log axes XChart puts a tick at every m·10ᵏ (m = 1…9); these
 * labels keep only the decades on axes spanning two decades or more, and 1, 2 and 5 times a decade
 * on shorter ones. Numbers
 * between 10⁻³ and 10⁴ are written out; others as m·10ᵏ with superscript exponents.
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
