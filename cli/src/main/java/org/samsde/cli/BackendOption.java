package org.samsde.cli;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Backends;

import picocli.CommandLine.Option;

/** {@code --backend cpu|cuda|auto}, shared by every command that computes. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "B", defaultValue = "auto",
            description = "Compute backend: cpu, cuda, or auto (cuda when a device is present; default ${DEFAULT-VALUE}).")
    String name;

    /** @return the backend; a one-line error (exit 2) when cuda is asked for and unavailable */
    Backend get() {
        return Backends.select(name);
    }
}
