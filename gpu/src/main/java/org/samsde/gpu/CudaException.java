package org.samsde.gpu;

/**
 * A CUDA runtime, driver, cuBLAS or NVRTC call that returned an error status. The message names
 * the call, the library's name for the status and its description, and for a failed kernel
 * compilation the compiler's log; nothing is logged or swallowed instead.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failing call, e.g. {@code cublasDgemm}. */
    private final String call;
    /** The status code it returned. */
    private final int status;
    /** The library's name for the status. */
    private final String statusName;

    /**
     * @param call the call that failed, with the arguments that identify it, e.g. {@code cudaMalloc(8192 bytes)}
     * @param status the numeric status it returned
     * @param statusName the library's name for the status, e.g. {@code cudaErrorMemoryAllocation}
     * @param detail the library's description of the status, and any compile log; may be empty
     */
    CudaException(String call, int status, String statusName, String detail) {
        super(call + " failed: " + statusName + " (" + status + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.call = call;
        this.status = status;
        this.statusName = statusName;
    }

    /** @return the call that failed, e.g. {@code cublasDgemm_v2} */
    public String call() {
        return call;
    }

    /** @return the numeric status the call returned */
    public int status() {
        return status;
    }

    /** @return the library's name for the status */
    public String statusName() {
        return statusName;
    }
}
