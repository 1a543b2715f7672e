package org.samsde.gpu;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;

/**
 * Turns the status codes of the CUDA runtime, the driver API, cuBLAS and NVRTC into
 * {@link CudaException}s that name the call. Only used once the native libraries are known to
 * load ({@link Availability}).
 */
final class Status {
    private Status() {
    }

    /**
     * @param call the call and its identifying arguments
     * @param status a {@code cudaError_t}
     * @throws CudaException unless status is {@code cudaSuccess}
     */
    static void runtime(String call, int status) {
        if (status != cudart.cudaSuccess) {
            throw new CudaException(call, status, string(cudart.cudaGetErrorName(status), "cudaError"),
                    string(cudart.cudaGetErrorString(status), ""));
        }
    }

    /**
     * @param call the call and its identifying arguments
     * @param status a {@code CUresult}
     * @throws CudaException unless status is {@code CUDA_SUCCESS}
     */
    static void driver(String call, int status) {
        if (status != cudart.CUDA_SUCCESS) {
            BytePointer name = new BytePointer();
            BytePointer text = new BytePointer();
            cudart.cuGetErrorName(status, name);
            cudart.cuGetErrorString(status, text);
            throw new CudaException(call, status, string(name, "CUresult"), string(text, ""));
        }
    }

    /**
     * @param call the call and its identifying arguments
     * @param status a {@code cublasStatus_t}
     * @throws CudaException unless status is {@code CUBLAS_STATUS_SUCCESS}
     */
    static void cublas(String call, int status) {
        if (status != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call, status, string(cublas.cublasGetStatusName(status), "cublasStatus"),
                    string(cublas.cublasGetStatusString(status), ""));
        }
    }

    /**
     * @param call the call and its identifying arguments
     * @param status an {@code nvrtcResult}
     * @param log the compile log to append, or null
     * @throws CudaException unless status is {@code NVRTC_SUCCESS}
     */
    static void nvrtc(String call, int status, String log) {
        if (status != nvrtc.NVRTC_SUCCESS) {
            String name = string(nvrtc.nvrtcGetErrorString(status), "nvrtcResult");
            throw new CudaException(call, status, name, log == null || log.isBlank() ? "" : "compile log:\n" + log.strip());
        }
    }

    /** The C string at p, or the fallback followed by nothing when p is null. */
    private static String string(BytePointer p, String fallback) {
        return p == null || p.isNull() ? fallback : p.getString();
    }
}
