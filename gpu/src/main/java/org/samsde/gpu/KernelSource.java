package org.samsde.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CUDA C files of the backend, kept as resources under {@value #DIRECTORY}: each compiles on its
 * own (with the shared header {@value #HEADER}) into one module. NVRTC compiles them once per
 * process; a test compiles them with {@code nvcc --ptx} on every machine that has nvcc.
 */
enum KernelSource {
    /** fill, axpy, scale, broadcasting, row sums, gathering. */
    ELEMENTWISE("elementwise.cu"),
    /** dot products and per-segment sums. */
    REDUCE("reduce.cu"),
    /** im2col/col2im, pooling, batched transposes. */
    IMAGES("images.cu"),
    /** activation jets and Cauchy products. */
    JETS("jets.cu"),
    /** the loss jets. */
    LOSSES("losses.cu");

    /** The resource directory of the kernel files. */
    static final String DIRECTORY = "/org/samsde/gpu/kernels/";
    /** The header every file includes; NVRTC receives it by name. */
    static final String HEADER = "samsde.cuh";

    private final String fileName;

    KernelSource(String fileName) {
        this.fileName = fileName;
    }

    /** @return the file name, e.g. {@code jets.cu} */
    String fileName() {
        return fileName;
    }

    /** @return the CUDA C source */
    String text() {
        return resource(fileName);
    }

    /** @return the shared header's text */
    static String header() {
        return resource(HEADER);
    }

    private static String resource(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel resource " + DIRECTORY + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel resource " + DIRECTORY + name, e);
        }
    }
}
