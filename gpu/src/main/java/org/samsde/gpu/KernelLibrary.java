package org.samsde.gpu;

import java.util.EnumMap;
import java.util.Map;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The backend's kernels, compiled from the {@link KernelSource} resources with NVRTC to PTX for the
 * device's compute capability, loaded as driver-API modules into the primary context and looked up
 * by name. Built once per backend, i.e. once per process; immutable afterwards.
 *
 * <p>Compile options: {@code --fmad=false} (no contraction of a·b + c into one rounding, so the
 * arithmetic of the kernels matches the CPU backend's Java loops operation by operation) and
 * {@code --std=c++17}.
 */
final class KernelLibrary {
    private final Map<Kernel, CUfunc_st> functions = new EnumMap<>(Kernel.class);
    private final String nvrtcVersion;

    /**
     * @param major the device's compute capability, major
     * @param minor the device's compute capability, minor
     * @throws CudaException naming the file and carrying the compile log when a kernel does not
     *     compile, or naming the driver call that failed to load or look it up
     */
    KernelLibrary(int major, int minor) {
        int[] maj = {0};
        int[] min = {0};
        Status.nvrtc("nvrtcVersion", nvrtc.nvrtcVersion(maj, min), null);
        nvrtcVersion = maj[0] + "." + min[0];
        String arch = "--gpu-architecture=compute_" + major + minor;
        String header = KernelSource.header();
        Map<KernelSource, CUmod_st> modules = new EnumMap<>(KernelSource.class);
        for (KernelSource source : KernelSource.values()) {
            BytePointer ptx = compile(source, header, arch);
            CUmod_st module = new CUmod_st();
            Status.driver("cuModuleLoadData(" + source.fileName() + ")", cudart.cuModuleLoadData(module, ptx));
            ptx.close();
            modules.put(source, module);
        }
        for (Kernel k : Kernel.values()) {
            CUfunc_st f = new CUfunc_st();
            Status.driver("cuModuleGetFunction(" + k.symbol() + ")", cudart.cuModuleGetFunction(f, modules.get(k.source()), k.symbol()));
            functions.put(k, f);
        }
    }

    /** Compiles one file to PTX, throwing with the compile log on failure. */
    private static BytePointer compile(KernelSource source, String header, String arch) {
        _nvrtcProgram program = new _nvrtcProgram();
        String[] options = {arch, "--fmad=false", "--std=c++17"};
        try (BytePointer text = new BytePointer(source.text());
             BytePointer name = new BytePointer(source.fileName());
             PointerPointer<BytePointer> headers = new PointerPointer<>(header);
             PointerPointer<BytePointer> includeNames = new PointerPointer<>(KernelSource.HEADER);
             PointerPointer<BytePointer> opts = new PointerPointer<>(options)) {
            Status.nvrtc("nvrtcCreateProgram(" + source.fileName() + ")",
                    nvrtc.nvrtcCreateProgram(program, text, name, 1, headers, includeNames), null);
            try {
                int status = nvrtc.nvrtcCompileProgram(program, options.length, opts);
                Status.nvrtc("nvrtcCompileProgram(" + source.fileName() + ", " + String.join(" ", options) + ")",
                        status, status == nvrtc.NVRTC_SUCCESS ? null : log(program));
                SizeTPointer size = new SizeTPointer(1);
                Status.nvrtc("nvrtcGetPTXSize(" + source.fileName() + ")", nvrtc.nvrtcGetPTXSize(program, size), null);
                BytePointer ptx = new BytePointer(size.get());
                Status.nvrtc("nvrtcGetPTX(" + source.fileName() + ")", nvrtc.nvrtcGetPTX(program, ptx), null);
                size.close();
                return ptx;
            } finally {
                nvrtc.nvrtcDestroyProgram(program);
            }
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(program, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        BytePointer log = new BytePointer(size.get());
        if (nvrtc.nvrtcGetProgramLog(program, log) != nvrtc.NVRTC_SUCCESS) {
            return "";
        }
        return log.getString();
    }

    /**
     * @param k a kernel
     * @return its function handle
     */
    CUfunc_st function(Kernel k) {
        return functions.get(k);
    }

    /** @return the NVRTC version that compiled the kernels, e.g. {@code 13.1} */
    String nvrtcVersion() {
        return nvrtcVersion;
    }
}
