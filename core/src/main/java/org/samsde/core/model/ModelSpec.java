package org.samsde.core.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.jet.Activation;
import org.samsde.core.loss.JetModel;
import org.samsde.core.loss.JetObjective;
import org.samsde.core.loss.LiteratureProblems;
import org.samsde.core.loss.LossProvider;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;

/**
 * A model specification as users write it on the command line, parsed and checked:
 * <ul>
 *   <li>{@code mlp:IN-H1-…-OUT:ACT}: an {@link Mlp} with activation ACT (tanh, softplus, gelu,
 *       sigmoid, relu, identity); softmax cross-entropy for integer labels, binary cross-entropy
 *       on the logit z when OUT = 1 (labels 0/1 only: ℓ = log(1 + e^z) − y·z, PyTorch's
 *       {@code BCEWithLogitsLoss}), MSE for float targets;</li>
 *   <li>{@code linreg}: linear regression, features → target width, MSE;</li>
 *   <li>{@code logreg}: logistic regression; one logit with binary cross-entropy when the labels
 *       are 0/1, multinomial (softmax) otherwise;</li>
 *   <li>{@code quadratic:FILE.npz}: {@link Quadratic} from arrays {@code A} and optional {@code xstar};</li>
 *   <li>{@code poly:FILE.npz}: {@link Polynomial} from {@code A}, optional {@code C} and {@code q};</li>
 *   <li>{@code cnn:L1-L2-…-Ln[:ACT]}: a {@link Cnn} with layer tokens {@code c<OUT>k<K>[x<K2>][s<S>][p<P>]}
 *       (convolution), {@code avg<K>[s<S>]}, {@code max<K>[s<S>]} (pooling) and {@code d<OUT>}
 *       (dense; the last token, the output), as documented on {@link CnnLayer}; ACT as for
 *       {@code mlp:}, default {@code tanh}; e.g.
 *       {@code cnn:c16k3p1-c16k3p1-avg2-c32k3p1-c32k3p1-max2-d128-d10:softplus};</li>
 *   <li>{@code cnn6[:ACT]}: the six-layer CNN of the alignment figure,
 *       {@code cnn:}{@value #CNN6_LAYERS}, tanh by default: smooth, so T[v,v] is exact
 *       everywhere (average pooling for the same reason), and zero-centred, so that it trains on
 *       MNIST from PyTorch's default initialisation (softplus, whose outputs are offset by
 *       log 2, starts on a long plateau there); e.g. {@code cnn6:relu}, {@code cnn6:softplus};</li>
 *   <li>{@code diag-linear:D[:depth=L]}, {@code deep-linear:W0-W1-…-WL}, {@code matrix-sensing:D,R}:
 *       the literature's problems of {@link LiteratureProblems}, written with jet arithmetic, on
 *       regression data (e.g. {@code sparse-regression:d=D}, {@code teacher:h=0}, {@code sensing:d=D,r=R});</li>
 *   <li>{@code user:NAME[:ARGS]}: a user's {@link LossProvider} of that name, found by
 *       {@link java.util.ServiceLoader} (the launcher's {@code SAMSDE_CLASSPATH}).</li>
 * </ul>
 * CNNs take the image shape (channels, height, width) from the data (flat features p are read as
 * p × 1 × 1 images) and use softmax cross-entropy for integer labels (binary cross-entropy when
 * the last layer has one output), MSE for float targets.
 * Toys need no data. Initial parameters from a seed: the {@link Mlp#initialParameters} scheme for
 * networks, independent N(0, 1) entries for toys.
 */
public sealed interface ModelSpec {

    /** The layers of {@code cnn6}: conv-conv-pool, conv-conv-pool, dense, dense. */
    String CNN6_LAYERS = "c16k3p1-c16k3p1-avg2-c32k3p1-c32k3p1-avg2-d128-d10";

    /** @return whether {@link #build} needs a data set */
    boolean needsData();

    /**
     * @param data the training data (null for toys)
     * @param backend where the objective lives
     * @return the model, ready to differentiate
     * @throws InvalidInputException when the data does not fit the specification
     */
    Model build(Dataset data, Backend backend);

    /**
     * A built model: its objective and its initialisation.
     *
     * @param objective the loss
     * @param spec the specification it came from
     * @param initializer draws initial parameters from a seed
     */
    record Model(Objective objective, ModelSpec spec, java.util.function.LongFunction<double[]> initializer) {
        /**
         * @param seed the seed
         * @return initial parameters of length {@code objective().dimension()}
         */
        public double[] initialParameters(long seed) {
            return initializer.apply(seed);
        }

        /**
         * The same model, with the same architecture, on other data (a test split).
         *
         * @param data the data
         * @return its loss, or null for closed-form toys, which have no data
         * @throws InvalidInputException when the data does not fit the architecture
         */
        public Objective on(Dataset data) {
            if (objective instanceof JetObjective j) {
                return spec.build(data, j.backend()).objective();
            }
            try {
                if (objective instanceof CnnObjective c) {
                    return new CnnObjective(c.cnn(), data, c.backend());
                }
                if (!(objective instanceof MlpObjective m)) {
                    return null;
                }
                return new MlpObjective(m.mlp(), data, m.backend());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("test split does not fit model " + spec + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code mlp:IN-…-OUT:ACT}. @param widths the layer widths @param activation the hidden activation */
    record MlpSpec(int[] widths, Activation activation) implements ModelSpec {
        @Override
        public boolean needsData() {
            return true;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            requireData(data, this);
            int out = widths[widths.length - 1];
            Loss loss = !data.isClassification() ? Loss.MSE : out == 1 ? Loss.BINARY_CROSS_ENTROPY : Loss.CROSS_ENTROPY;
            if (data.features() != widths[0]) {
                throw new InvalidInputException("model " + this + " takes " + widths[0] + " inputs but the data has "
                        + data.features() + " features");
            }
            if (loss == Loss.BINARY_CROSS_ENTROPY && data.classes() > 2) {
                throw new InvalidInputException("model " + this + " has one output (binary cross-entropy), which needs labels 0 and 1,"
                        + " but the data has " + data.classes() + " classes (labels up to " + (data.classes() - 1) + "); use "
                        + data.classes() + " outputs for softmax cross-entropy");
            }
            if (loss == Loss.CROSS_ENTROPY && data.classes() > out) {
                throw new InvalidInputException("model " + this + " has " + out + " outputs but the data has "
                        + data.classes() + " classes");
            }
            if (loss == Loss.MSE && data.targetWidth() != out) {
                throw new InvalidInputException("model " + this + " has " + out + " outputs but the targets have width "
                        + data.targetWidth());
            }
            Mlp mlp = newMlp(widths, activation, loss);
            return new Model(new MlpObjective(mlp, data, backend), this, mlp::initialParameters);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("mlp:");
            for (int i = 0; i < widths.length; i++) {
                s.append(i == 0 ? "" : "-").append(widths[i]);
            }
            return s.append(':').append(activation.specName()).toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MlpSpec m && Arrays.equals(widths, m.widths) && activation == m.activation;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(widths) * 31 + activation.hashCode();
        }
    }

    /**
     * {@code cnn:LAYERS[:ACT]} or {@code cnn6[:ACT]}.
     *
     * @param layers the layers
     * @param activation the hidden activation
     * @param shorthand whether it was written {@code cnn6} (for {@link #toString})
     */
    record CnnSpec(List<CnnLayer> layers, Activation activation, boolean shorthand) implements ModelSpec {
        /**
         * Copies the layers.
         *
         * @param layers the layers
         * @param activation the hidden activation
         * @param shorthand whether it was written {@code cnn6} (for {@link #toString})
         */
        public CnnSpec {
            layers = List.copyOf(layers);
        }

        @Override
        public boolean needsData() {
            return true;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            requireData(data, this);
            ImageShape input = data.imageShape().orElse(new ImageShape(data.features(), 1, 1));
            int out = ((CnnLayer.Dense) layers.get(layers.size() - 1)).width();
            Loss loss = !data.isClassification() ? Loss.MSE : out == 1 ? Loss.BINARY_CROSS_ENTROPY : Loss.CROSS_ENTROPY;
            if (loss == Loss.CROSS_ENTROPY && data.classes() > out) {
                throw new InvalidInputException("model " + this + " has " + out + " outputs but the data has "
                        + data.classes() + " classes");
            }
            if (loss == Loss.MSE && data.targetWidth() != out) {
                throw new InvalidInputException("model " + this + " has " + out + " outputs but the targets have width "
                        + data.targetWidth());
            }
            try {
                Cnn cnn = new Cnn(input, layers, activation, loss);
                return new Model(new CnnObjective(cnn, data, backend), this, cnn::initialParameters);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("model " + this + " on " + input + " data: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            if (shorthand) {
                return "cnn6" + (activation == Activation.TANH ? "" : ":" + activation.specName());
            }
            StringBuilder s = new StringBuilder("cnn:");
            for (CnnLayer layer : layers) {
                s.append(s.length() == 4 ? "" : "-").append(layer.token());
            }
            return s.append(':').append(activation.specName()).toString();
        }
    }

    /** {@code linreg}. */
    record LinearRegression() implements ModelSpec {
        @Override
        public boolean needsData() {
            return true;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            requireData(data, this);
            if (data.isClassification()) {
                throw new InvalidInputException("linreg needs float targets y, the data has integer labels (use logreg)");
            }
            Mlp mlp = newMlp(new int[] {data.features(), data.targetWidth()}, Activation.IDENTITY, Loss.MSE);
            return new Model(new MlpObjective(mlp, data, backend), this, mlp::initialParameters);
        }

        @Override
        public String toString() {
            return "linreg";
        }
    }

    /** {@code logreg}. */
    record LogisticRegression() implements ModelSpec {
        @Override
        public boolean needsData() {
            return true;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            requireData(data, this);
            if (!data.isClassification()) {
                throw new InvalidInputException("logreg needs integer labels y, the data has float targets (use linreg)");
            }
            int classes = data.classes();
            Mlp mlp = classes <= 2
                    ? newMlp(new int[] {data.features(), 1}, Activation.IDENTITY, Loss.BINARY_CROSS_ENTROPY)
                    : newMlp(new int[] {data.features(), classes}, Activation.IDENTITY, Loss.CROSS_ENTROPY);
            return new Model(new MlpObjective(mlp, data, backend), this, mlp::initialParameters);
        }

        @Override
        public String toString() {
            return "logreg";
        }
    }

    /** {@code quadratic:FILE} or {@code poly:FILE}. @param kind quadratic or poly @param file the .npz */
    record Toy(String kind, Path file) implements ModelSpec {
        @Override
        public boolean needsData() {
            return false;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            ClosedFormLoss loss = load();
            int d = loss.dimension();
            return new Model(ToyObjective.deterministic(loss, backend), this, seed -> {
                UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
                ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = g.sample();
                }
                return x;
            });
        }

        private ClosedFormLoss load() {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(kind + " model file not found: " + file);
            }
            Map<String, NpyArray> arrays = Npz.read(file);
            NpyArray a = arrays.get("A");
            if (a == null) {
                throw new InvalidInputException(file + ": missing array 'A' (the d x d matrix)");
            }
            int[] shape = a.shape();
            if (shape.length != 2 || shape[0] != shape[1] || shape[0] < 1) {
                throw new InvalidInputException(file + ": array 'A' has shape " + Arrays.toString(shape) + ", expected (d, d)");
            }
            int d = shape[0];
            try {
                if (kind.equals("quadratic")) {
                    return new Quadratic(a.doubles(), vector(arrays, "xstar", d));
                }
                NpyArray c = arrays.get("C");
                if (c != null && !Arrays.equals(c.shape(), new int[] {d, d, d})) {
                    throw new InvalidInputException(file + ": array 'C' has shape " + Arrays.toString(c.shape())
                            + ", expected (" + d + ", " + d + ", " + d + ")");
                }
                return new Polynomial(a.doubles(), c == null ? null : c.doubles(), vector(arrays, "q", d));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file + ": " + e.getMessage(), e);
            }
        }

        private double[] vector(Map<String, NpyArray> arrays, String name, int d) {
            NpyArray v = arrays.get(name);
            if (v == null) {
                return null;
            }
            if (v.rank() != 1 || v.size() != d) {
                throw new InvalidInputException(file + ": array '" + name + "' has shape " + Arrays.toString(v.shape())
                        + ", expected (" + d + ",)");
            }
            return v.doubles();
        }

        @Override
        public String toString() {
            return kind + ":" + file;
        }
    }

    /**
     * A problem of {@link LiteratureProblems}: {@code diag-linear:D[:depth=L]},
     * {@code deep-linear:W0-…-WL} or {@code matrix-sensing:D,R}.
     *
     * @param kind the problem's name
     * @param sizes D and L; the widths; or D and R
     */
    record JetSpec(String kind, int[] sizes) implements ModelSpec {
        @Override
        public boolean needsData() {
            return true;
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            requireData(data, this);
            if (data.isClassification()) {
                throw new InvalidInputException("model " + this + " needs float targets y, the data has integer labels");
            }
            int features = switch (kind) {
                case "diag-linear" -> sizes[0];
                case "deep-linear" -> sizes[0];
                default -> sizes[0] * sizes[0];
            };
            int outputs = kind.equals("deep-linear") ? sizes[sizes.length - 1] : 1;
            if (data.features() != features) {
                throw new InvalidInputException("model " + this + " takes " + features + " features"
                        + (kind.equals("matrix-sensing") ? " (a " + sizes[0] + " x " + sizes[0] + " sensing matrix)" : "")
                        + " but the data has " + data.features());
            }
            if (data.targetWidth() != outputs) {
                throw new InvalidInputException("model " + this + " has " + outputs + " output" + (outputs == 1 ? "" : "s")
                        + " but the targets have width " + data.targetWidth());
            }
            JetModel m = switch (kind) {
                case "diag-linear" -> LiteratureProblems.diagonalLinear(sizes[0], sizes[1]);
                case "deep-linear" -> LiteratureProblems.deepLinear(sizes);
                default -> LiteratureProblems.matrixSensing(sizes[0], sizes[1]);
            };
            return new Model(m.objective(data, backend), this, m.initializer());
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "diag-linear" -> kind + ":" + sizes[0] + (sizes[1] == 2 ? "" : ":depth=" + sizes[1]);
                case "deep-linear" -> kind + ":" + String.join("-", Arrays.stream(sizes).mapToObj(String::valueOf).toList());
                default -> kind + ":" + sizes[0] + "," + sizes[1];
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JetSpec j && kind.equals(j.kind) && Arrays.equals(sizes, j.sizes);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + Arrays.hashCode(sizes);
        }
    }

    /**
     * {@code user:NAME[:ARGS]}: a {@link LossProvider} found by {@link java.util.ServiceLoader}.
     *
     * @param name NAME
     * @param argument ARGS, or null
     */
    record UserSpec(String name, String argument) implements ModelSpec {
        /** @return the provider of this name on the class path */
        LossProvider provider() {
            List<String> names = new java.util.ArrayList<>();
            for (LossProvider p : java.util.ServiceLoader.load(LossProvider.class, ModelSpec.class.getClassLoader())) {
                if (p.name().equals(name)) {
                    return p;
                }
                names.add(p.name());
            }
            throw new InvalidInputException("model '" + this + "': no user loss named '" + name + "' on the class path ("
                    + (names.isEmpty() ? "none is registered; put its jar in SAMSDE_CLASSPATH with a META-INF/services/"
                    + LossProvider.class.getName() + " entry" : "found " + String.join(", ", names)) + ")");
        }

        @Override
        public boolean needsData() {
            return provider().needsData();
        }

        @Override
        public Model build(Dataset data, Backend backend) {
            LossProvider p = provider();
            if (p.needsData()) {
                requireData(data, this);
            }
            try {
                JetModel m = p.define(argument, p.needsData() ? data : null);
                return new Model(m.objective(p.needsData() ? data : null, backend), this, m.initializer());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("model '" + this + "': " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "user:" + name + (argument == null ? "" : ":" + argument);
        }
    }

    private static void requireData(Dataset data, ModelSpec spec) {
        if (data == null) {
            throw new InvalidInputException("model " + spec + " needs training data (--data)");
        }
    }

    private static Mlp newMlp(int[] widths, Activation activation, Loss loss) {
        try {
            return new Mlp(widths, activation, loss);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model: " + e.getMessage(), e);
        }
    }

    /**
     * @param spec the specification string
     * @return the parsed specification
     * @throws InvalidInputException naming the specification and what is wrong with it
     */
    static ModelSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("empty model specification");
        }
        String s = spec.trim();
        if (s.equals("linreg")) {
            return new LinearRegression();
        }
        if (s.equals("logreg")) {
            return new LogisticRegression();
        }
        if (s.startsWith("quadratic:") || s.startsWith("poly:")) {
            int colon = s.indexOf(':');
            String file = s.substring(colon + 1);
            if (file.isEmpty()) {
                throw new InvalidInputException("model '" + spec + "': missing file after '" + s.substring(0, colon + 1) + "'");
            }
            return new Toy(s.substring(0, colon), Path.of(file));
        }
        if (s.equals("cnn6") || s.startsWith("cnn6:")) {
            return new CnnSpec(Cnn.parseLayers(CNN6_LAYERS), activation(spec, s.equals("cnn6") ? null : s.substring(5)), true);
        }
        if (s.startsWith("cnn:")) {
            String[] parts = s.split(":", -1);
            if (parts.length > 3 || parts[1].isEmpty()) {
                throw new InvalidInputException("model '" + spec + "': expected cnn:LAYER-LAYER-...[:ACT], e.g. cnn:c8k3p1-avg2-d10:tanh");
            }
            List<CnnLayer> layers;
            try {
                layers = Cnn.parseLayers(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("model '" + spec + "': " + e.getMessage(), e);
            }
            if (!(layers.get(layers.size() - 1) instanceof CnnLayer.Dense)) {
                throw new InvalidInputException("model '" + spec + "': the last layer must be dense (d<OUT>), the output layer");
            }
            return new CnnSpec(layers, activation(spec, parts.length == 3 ? parts[2] : null), false);
        }
        if (s.startsWith("mlp:")) {
            String[] parts = s.split(":", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new InvalidInputException("model '" + spec + "': expected mlp:IN-H1-...-OUT:ACT, e.g. mlp:4-8-3:tanh");
            }
            String[] ws = parts[1].split("-", -1);
            if (ws.length < 2) {
                throw new InvalidInputException("model '" + spec + "': an MLP needs at least an input and an output width");
            }
            int[] widths = new int[ws.length];
            for (int i = 0; i < ws.length; i++) {
                try {
                    widths[i] = Integer.parseInt(ws[i]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("model '" + spec + "': width '" + ws[i] + "' is not a whole number");
                }
                if (widths[i] < 1) {
                    throw new InvalidInputException("model '" + spec + "': width " + widths[i] + " must be positive");
                }
            }
            return new MlpSpec(widths, activation(spec, parts[2]));
        }
        if (s.startsWith("user:")) {
            String rest = s.substring(5);
            int colon = rest.indexOf(':');
            String name = colon < 0 ? rest : rest.substring(0, colon);
            if (name.isEmpty()) {
                throw new InvalidInputException("model '" + spec + "': expected user:NAME[:ARGS]");
            }
            return new UserSpec(name, colon < 0 ? null : rest.substring(colon + 1));
        }
        if (s.startsWith("diag-linear:")) {
            String[] parts = s.split(":", -1);
            int depth = 2;
            if (parts.length == 3 && parts[2].startsWith("depth=")) {
                depth = positive(spec, "depth", parts[2].substring(6));
            } else if (parts.length != 2) {
                throw new InvalidInputException("model '" + spec + "': expected diag-linear:D[:depth=L], e.g. diag-linear:100:depth=3");
            }
            if (depth < 2) {
                throw new InvalidInputException("model '" + spec + "': depth " + depth + " must be at least 2");
            }
            return new JetSpec("diag-linear", new int[] {positive(spec, "D", parts[1]), depth});
        }
        if (s.startsWith("deep-linear:")) {
            String[] ws = s.substring(12).split("-", -1);
            if (ws.length < 2) {
                throw new InvalidInputException("model '" + spec + "': expected deep-linear:W0-W1-...-WL, e.g. deep-linear:10-8-8-1");
            }
            int[] widths = new int[ws.length];
            for (int i = 0; i < ws.length; i++) {
                widths[i] = positive(spec, "width", ws[i]);
            }
            return new JetSpec("deep-linear", widths);
        }
        if (s.startsWith("matrix-sensing:")) {
            String[] dr = s.substring(15).split(",", -1);
            if (dr.length != 2) {
                throw new InvalidInputException("model '" + spec + "': expected matrix-sensing:D,R, e.g. matrix-sensing:10,2");
            }
            int d = positive(spec, "D", dr[0]);
            int r = positive(spec, "R", dr[1]);
            if (r > d) {
                throw new InvalidInputException("model '" + spec + "': rank R = " + r + " exceeds D = " + d);
            }
            return new JetSpec("matrix-sensing", new int[] {d, r});
        }
        throw new InvalidInputException("unknown model '" + spec
                + "': expected mlp:IN-...-OUT:ACT, cnn:LAYERS[:ACT], cnn6[:ACT], linreg, logreg, quadratic:FILE.npz, poly:FILE.npz, "
                + "diag-linear:D[:depth=L], deep-linear:W0-...-WL, matrix-sensing:D,R or user:NAME[:ARGS]");
    }

    private static int positive(String spec, String what, String text) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("model '" + spec + "': " + what + " '" + text + "' is not a whole number");
        }
        if (value < 1) {
            throw new InvalidInputException("model '" + spec + "': " + what + " " + value + " must be positive");
        }
        return value;
    }

    /** The activation named in a specification; null gives the CNN default, tanh. */
    private static Activation activation(String spec, String name) {
        if (name == null) {
            return Activation.TANH;
        }
        try {
            return Activation.byName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model '" + spec + "': " + e.getMessage(), e);
        }
    }
}
