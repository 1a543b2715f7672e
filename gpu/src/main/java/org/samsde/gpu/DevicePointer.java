package org.samsde.gpu;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A JavaCPP view of a device address, for the cuBLAS and runtime calls that take pointers. It
 * owns nothing: device memory belongs to {@link DeviceMemory} and the tensors built on it.
 */
final class DevicePointer extends DoublePointer {
    /** @param address a device address (or a host address, for host-side calls) */
    DevicePointer(long address) {
        this.address = address;
    }
}
