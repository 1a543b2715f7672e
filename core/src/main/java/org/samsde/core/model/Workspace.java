package org.samsde.core.model;

import java.util.HashMap;
import java.util.Map;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * Scratch tensors reused across calls by one thread, keyed by role; a tensor is replaced only
 * when a call needs more elements than it holds. Not thread-safe: one per thread.
 */
final class Workspace {
    private final Backend backend;
    private final Map<String, Tensor> buffers = new HashMap<>();

    Workspace(Backend backend) {
        this.backend = backend;
    }

    /**
     * @param role a name for the buffer's purpose
     * @param size the number of elements needed
     * @return a flat tensor of at least size elements, contents unspecified
     */
    Tensor get(String role, int size) {
        Tensor t = buffers.get(role);
        if (t == null || t.size() < size) {
            if (t != null) {
                t.close();
            }
            t = backend.zeros(Math.max(size, 1));
            buffers.put(role, t);
        }
        return t;
    }
}
