package org.samsde.gpu;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;

/**
 * Whether the CUDA backend can run here, decided once per process: the JavaCPP bindings must load
 * (which needs the NVIDIA driver's {@code libcuda.so.1} and the CUDA 13 runtime), the runtime must
 * report at least one device, and cuBLAS and NVRTC from the user's CUDA installation must load.
 * No CUDA class is touched before the load succeeds, so a machine without CUDA gets a reason,
 * never an error.
 */
final class Availability {
    private Availability() {
    }

    /** Initialised on first use: the probe runs once. */
    private static final class Holder {
        static final String REASON = probe();
    }

    /** @return null when the CUDA backend can be created, otherwise one line saying why not */
    static String unavailableReason() {
        return Holder.REASON;
    }

    private static String probe() {
        try {
            Loader.load(cudart.class);
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return "CUDA is not available: the CUDA runtime bindings could not be loaded (" + describe(t)
                    + "); an NVIDIA driver and CUDA 13 (cudart, cuBLAS, NVRTC) are needed";
        }
        int[] count = {0};
        int status = cudart.cudaGetDeviceCount(count);
        if (status != cudart.cudaSuccess) {
            return "CUDA is not available: cudaGetDeviceCount returned " + cudart.cudaGetErrorName(status).getString()
                    + " (" + cudart.cudaGetErrorString(status).getString() + ")";
        }
        if (count[0] < 1) {
            return "CUDA is not available: no CUDA device is present (cudaGetDeviceCount = 0)";
        }
        try {
            Loader.load(cublas.class);
        } catch (Throwable t) {
            return "CUDA is not available: cuBLAS 13 could not be loaded (" + describe(t) + ")";
        }
        try {
            Loader.load(nvrtc.class);
        } catch (Throwable t) {
            return "CUDA is not available: NVRTC 13 could not be loaded (" + describe(t) + ")";
        }
        return null;
    }

    /**
     * The most specific message of a load failure, on one line, without the path of JavaCPP's
     * cache: "libcuda.so.1: cannot open shared object file: No such file or directory".
     *
     * @param t the failure
     * @return a short description
     */
    static String describe(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        if (message == null || message.isBlank()) {
            return deepest.getClass().getSimpleName();
        }
        int so = message.indexOf(".so: ");
        if (so >= 0 && message.lastIndexOf('/', so) >= 0) {
            message = message.substring(so + 5);
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 240 ? message.substring(0, 240) + "..." : message;
    }
}
