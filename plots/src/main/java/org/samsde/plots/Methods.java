package org.samsde.plots;

import java.util.Map;
import java.util.Set;

import org.samsde.plots.spec.Style;
import org.samsde.plots.spec.Style.Dash;

/**
 * Paper names and fixed styles of the toolkit's methods, so that a method looks the same in
 * every figure: each known method has its own (colour, dash) pair; unknown names get the palette
 * in order.
 */
public final class Methods {
    /** Methods that perturb x before the gradient, so that an alignment of ε with v₁ is defined. */
    public static final Set<String> PERTURBING = Set.of("sam", "usam", "dnsam", "reverse-sam", "eigen-sam");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("sgd", "SGD"),
            Map.entry("sam", "SAM"),
            Map.entry("usam", "USAM"),
            Map.entry("dnsam", "DNSAM"),
            Map.entry("reverse-sam", "Reverse-SAM"),
            Map.entry("egr", "EGR"),
            Map.entry("eigen-sam", "Eigen-SAM"),
            Map.entry("sam2", "SAM SDE, order 2 (Compagnoni et al.)"),
            Map.entry("sam3", "SAM SDE, order 3 (Luo et al.)"),
            Map.entry("sgd1", "SGD SDE (Li et al.)"),
            Map.entry("sgd2", "SGD SDE, order 2"));

    private static final Map<String, Style> STYLES = Map.ofEntries(
            Map.entry("sam", Style.line(0, Dash.SOLID)),
            Map.entry("sam2", Style.line(1, Dash.DASHED)),
            Map.entry("sam3", Style.line(2, Dash.DASH_DOT)),
            Map.entry("sgd", Style.line(3, Dash.DOTTED)),
            Map.entry("eigen-sam", Style.line(4, Dash.DASHED)),
            Map.entry("reverse-sam", Style.line(5, Dash.DASHED)),
            // orange: EGR is drawn beside SAM (blue) and Reverse-SAM (reddish purple) in figure 5; sky
            // blue, the palette's other blue, could not be told from SAM there
            Map.entry("egr", Style.line(4, Dash.DASH_DOT)),
            Map.entry("usam", Style.line(1, Dash.SHORT_DASH)),
            Map.entry("dnsam", Style.line(2, Dash.SHORT_DASH)),
            Map.entry("sgd1", Style.line(3, Dash.DASH_DOT)),
            Map.entry("sgd2", Style.line(3, Dash.SHORT_DASH)));

    private static final Dash[] DASHES = Dash.values();

    private Methods() {
    }

    /**
     * @param method a method label as written in run files (e.g. {@code reverse-sam})
     * @return its name in the papers (e.g. {@code Reverse-SAM}), or the label itself when unknown
     */
    public static String displayName(String method) {
        String base = base(method);
        if (base.equals(method)) {
            return NAMES.getOrDefault(method, method);
        }
        StringBuilder s = new StringBuilder(NAMES.getOrDefault(base, base));
        for (String a : method.substring(base.length() + 1).split("\\+")) {
            s.append(", ").append(APPROXIMATIONS.getOrDefault(a.replaceAll(":.*", ""), a));
        }
        return s.toString();
    }

    /** What the approximation suffixes of an SDE solver's label ({@code sam2+plugin+per-sample}) stand for. */
    private static final Map<String, String> APPROXIMATIONS = Map.of(
            "plugin", "plug-in drift (DNSAM-type)",
            "per-sample", "per-sample noise (linearised)",
            "none", "no noise",
            "isotropic", "isotropic noise");

    /**
     * @param method a label, possibly with approximation suffixes ({@code sam2+plugin})
     * @return the label without them ({@code sam2})
     */
    public static String base(String method) {
        int plus = method.indexOf('+');
        return plus < 0 ? method : method.substring(0, plus);
    }

    /**
     * @param method a method label
     * @param order the method's position among those drawn, used for unknown methods
     * @return the method's fixed style, or for an unknown method the palette entry {@code order}
     */
    public static Style style(String method, int order) {
        Style s = STYLES.get(base(method));
        if (s != null) {
            return s;
        }
        return Style.line(order % Palette.SIZE, DASHES[(order / Palette.SIZE + order) % DASHES.length]);
    }

    /**
     * @param method a method label
     * @return whether the method is one of the toolkit's known methods
     */
    public static boolean known(String method) {
        return STYLES.containsKey(base(method));
    }
}
