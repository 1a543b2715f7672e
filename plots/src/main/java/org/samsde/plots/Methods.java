package org.samsde.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.samsde.plots.data.MethodInfo;
import org.samsde.plots.spec.Style;
import org.samsde.plots.spec.Style.Dash;
import org.samsde.sde.Appearance;
import org.samsde.sde.Registry;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.optim.UpdateRule;

/**
 * What a method is, for figures, and its style, so that a method looks the same in every figure.
 * The figures keep no list of method names: what a method is travels with it as data, recorded
 * in {@code run.json} by the run ({@link org.samsde.plots.data.RunDirectory#methods()}: display
 * name, kind, whether it perturbs, the appearance it declares). For a label that a directory does
 * not describe (directories written before these fields, studies that record only labels) the
 * method registered under the label is asked the same questions ({@link UpdateRule},
 * {@link SdeModel}, built-in or on the class path); a label that names no registered method is
 * its own legend name, not perturbing, drawn with the palette in order.
 */
public final class Methods {
    private static final Dash[] DASHES = Dash.values();

    /** Registry answers by label (a method's declarations do not change). */
    private static final Map<String, Optional<MethodInfo>> REGISTERED = new ConcurrentHashMap<>();

    private Methods() {
    }

    /**
     * @param label a method label as written in run files (e.g. {@code reverse-sam}, {@code sam2+plugin})
     * @param recorded what the label's directory records about its methods; not modified
     * @return what the directory records about the label, else what the method registered under
     *     it declares, else {@link MethodInfo#plain}
     */
    public static MethodInfo of(String label, Map<String, MethodInfo> recorded) {
        MethodInfo r = recorded.get(label);
        if (r != null) {
            return r;
        }
        return REGISTERED.computeIfAbsent(label, Methods::registered).orElseGet(() -> MethodInfo.plain(label));
    }

    /**
     * @param label a method label
     * @return its legend name as {@link #of} finds it without a directory's records
     */
    public static String displayName(String label) {
        return of(label, Map.of()).displayName();
    }

    /**
     * @param method a label, possibly with approximation suffixes ({@code sam2+plugin})
     * @return the label without them ({@code sam2})
     */
    public static String base(String method) {
        int plus = method.indexOf('+');
        return plus < 0 ? method : method.substring(0, plus);
    }

    /**
     * @param method what the method is
     * @param order the method's position among those drawn, used when it declares no appearance
     * @return the style its appearance declares, or the palette entry {@code order}
     */
    public static Style style(MethodInfo method, int order) {
        Appearance a = method.appearance();
        if (a != null) {
            return Style.line(a.colour(), Dash.valueOf(a.dash().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        return Style.line(order % Palette.SIZE, DASHES[(order / Palette.SIZE + order) % DASHES.length]);
    }

    /**
     * The method registered under a label: an update rule, an SDE model ({@code sde:MODEL} names a
     * model only); approximation suffixes ({@code +plugin}) follow the model's display name as the
     * estimators describe them, an argument ({@code gnp:0.2}) in parentheses.
     */
    private static Optional<MethodInfo> registered(String label) {
        boolean sdeOnly = label.startsWith("sde:");
        String spec = sdeOnly ? label.substring(4) : label;
        String base = base(spec);
        try {
            if (!sdeOnly && Registry.has(UpdateRule.Provider.class, base)) {
                UpdateRule r = UpdateRule.byName(base);
                return Optional.of(info(label, r.name(), base, r.displayName(), r.perturbs(), false, r.appearance()));
            }
            if (Registry.has(SdeModel.Provider.class, base)) {
                SdeModel m = SdeModel.byName(base);
                return Optional.of(info(label, m.name(), base, m.displayName(), m.perturbs(), true, m.appearance()));
            }
        } catch (RuntimeException e) {
            // a registered name whose argument does not parse: nothing is known about it
        }
        return Optional.empty();
    }

    private static MethodInfo info(String label, String name, String base, String declared, boolean perturbs, boolean sde,
            Appearance appearance) {
        String spec = label.startsWith("sde:") ? label.substring(4) : label;
        boolean own = base.equals(name);
        String display = own ? declared : declared.equals(name) ? base : declared + " (" + base + ")";
        if (spec.length() > base.length()) {
            List<String> parts = new ArrayList<>();
            for (String a : spec.substring(base.length() + 1).split("\\+")) {
                parts.add(approximation(a));
            }
            display = display + ", " + String.join(", ", parts);
        }
        return new MethodInfo(label, display, perturbs, sde, own ? appearance : null);
    }

    /** What an approximation suffix stands for: a drift estimator's own description, else the noise named. */
    private static String approximation(String spec) {
        try {
            if (Registry.has(DriftEstimator.Provider.class, spec)) {
                String a = Registry.create(DriftEstimator.Provider.class, spec, "drift estimator").approximation();
                if (!a.isEmpty()) {
                    return a;
                }
            }
        } catch (RuntimeException e) {
            // fall through to the specification itself
        }
        return "noise: " + spec;
    }
}
