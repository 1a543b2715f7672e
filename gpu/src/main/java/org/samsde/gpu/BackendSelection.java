package org.samsde.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.BackendProvider;
import org.samsde.core.tensor.CpuBackend;

/**
 * The {@code --backend} choice: {@code cpu} (always there), any backend a
 * {@link BackendProvider} on the class path offers ({@code cuda} from this module), or
 * {@code auto}, which takes {@code cuda} when it is available here and {@code cpu} otherwise.
 * Providers are found with {@link ServiceLoader}; whether one is available is its own
 * {@link BackendProvider#unavailableReason()}, decided once per process.
 */
public final class BackendSelection {
    /** The name that picks CUDA when a device is present and the CPU otherwise. */
    public static final String AUTO = "auto";
    /** The CPU backend's name. */
    public static final String CPU = "cpu";
    /** The CUDA backend's name. */
    public static final String CUDA = "cuda";

    private BackendSelection() {
    }

    /**
     * @param name {@code cpu}, {@code cuda}, {@code auto} or the name of another provider; case-insensitive
     * @return the backend
     * @throws InvalidInputException with one line naming the backend and why it cannot be used
     *     (not on the class path, or its provider's reason, e.g. no CUDA device), or listing the
     *     accepted names
     * @throws CudaException when CUDA is available but creating the backend fails
     */
    public static Backend select(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(CPU)) {
            return CpuBackend.get();
        }
        if (key.equals(AUTO)) {
            BackendProvider cuda = provider(CUDA);
            return cuda != null && cuda.unavailableReason() == null ? cuda.create() : CpuBackend.get();
        }
        BackendProvider p = provider(key);
        if (p == null) {
            throw new InvalidInputException("unknown backend '" + name + "' (expected one of " + String.join(", ", names()) + ")");
        }
        String reason = p.unavailableReason();
        if (reason != null) {
            throw new InvalidInputException("backend " + p.name() + " cannot be used: " + reason);
        }
        return p.create();
    }

    /** @return the accepted names: cpu, auto, then every provider's name */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of(CPU, AUTO));
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (!names.contains(p.name())) {
                names.add(p.name());
            }
        }
        return names;
    }

    /**
     * @param name a backend name
     * @return null when the backend can be used here, otherwise one line saying why not
     */
    public static String unavailableReason(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(CPU) || key.equals(AUTO)) {
            return null;
        }
        BackendProvider p = provider(key);
        return p == null ? "no provider of backend '" + name + "' is on the class path" : p.unavailableReason();
    }

    private static BackendProvider provider(String name) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
