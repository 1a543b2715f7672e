package org.samsde.core.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.samsde.core.InvalidInputException;

/**
 * Selecting a backend by name, the {@code --backend} choice: {@code cpu} (always there), any
 * backend a {@link BackendProvider} on the class path offers ({@code cuda} from the gpu module),
 * or {@code auto}, which takes {@code cuda} when its provider says it is available here and
 * {@code cpu} otherwise. Providers are found with {@link ServiceLoader}; whether one is available
 * is its own {@link BackendProvider#unavailableReason()}, decided once per process.
 */
public final class Backends {
    /** The name that picks CUDA when a device is present and the CPU otherwise. */
    public static final String AUTO = "auto";
    /** The CPU backend's name. */
    public static final String CPU = "cpu";
    /** The CUDA backend's name (offered by the gpu module's provider). */
    public static final String CUDA = "cuda";

    private Backends() {
    }

    /**
     * @param name {@code cpu}, {@code cuda}, {@code auto} or the name of another provider; case-insensitive
     * @return the backend
     * @throws InvalidInputException with one line naming the backend and why it cannot be used
     *     (not on the class path, or its provider's reason, e.g. no CUDA device), or listing the
     *     accepted names
     * @throws RuntimeException whatever the provider's {@link BackendProvider#create()} throws when
     *     the backend is available but creating it fails (a CUDA error, for one)
     */
    public static Backend select(String name) {
        return select(name, ServiceLoader.load(BackendProvider.class));
    }

    /** {@link #select(String)} over the given providers (tests pass their own). */
    static Backend select(String name, Iterable<BackendProvider> providers) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(CPU)) {
            return CpuBackend.get();
        }
        if (key.equals(AUTO)) {
            BackendProvider cuda = provider(CUDA, providers);
            return cuda != null && cuda.unavailableReason() == null ? cuda.create() : CpuBackend.get();
        }
        BackendProvider p = provider(key, providers);
        if (p == null) {
            throw new InvalidInputException("unknown backend '" + name + "' (expected one of " + String.join(", ", names(providers)) + ")");
        }
        String reason = p.unavailableReason();
        if (reason != null) {
            throw new InvalidInputException("backend " + p.name() + " cannot be used: " + reason);
        }
        return p.create();
    }

    /** @return the accepted names: cpu, auto, then every provider's name */
    public static List<String> names() {
        return names(ServiceLoader.load(BackendProvider.class));
    }

    static List<String> names(Iterable<BackendProvider> providers) {
        List<String> names = new ArrayList<>(List.of(CPU, AUTO));
        for (BackendProvider p : providers) {
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
        return unavailableReason(name, ServiceLoader.load(BackendProvider.class));
    }

    static String unavailableReason(String name, Iterable<BackendProvider> providers) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(CPU) || key.equals(AUTO)) {
            return null;
        }
        BackendProvider p = provider(key, providers);
        return p == null ? "no provider of backend '" + name + "' is on the class path" : p.unavailableReason();
    }

    private static BackendProvider provider(String name, Iterable<BackendProvider> providers) {
        for (BackendProvider p : providers) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
