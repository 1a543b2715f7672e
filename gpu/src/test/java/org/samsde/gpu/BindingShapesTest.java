package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.annotation.ByPtrPtr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JavaCPP overloads the backend calls pass pointers the way the code assumes: an output
 * handle ({@code cudaMalloc}'s {@code void**}, a module, a function, an NVRTC program, a cuBLAS
 * handle) is {@code @ByPtrPtr}, i.e. the Java object receives the new address; every data pointer
 * (device memory, host staging, the kernel parameter array) is passed as the address it holds.
 * Read from the annotations of the preset classes without initialising them, so it runs without
 * CUDA; a preset upgrade that changed one of these would otherwise only fail on a GPU.
 */
class BindingShapesTest {

    /** A method of a preset class, its parameter types, and which parameters are @ByPtrPtr. */
    record Shape(String owner, String method, List<String> types, List<Integer> byPtrPtr) {
        @Override
        public String toString() {
            return method + types;
        }
    }

    private static final String CUDART = "org.bytedeco.cuda.global.cudart";
    private static final String CUBLAS = "org.bytedeco.cuda.global.cublas";
    private static final String NVRTC = "org.bytedeco.cuda.global.nvrtc";
    private static final String P = "org.bytedeco.javacpp.Pointer";
    private static final String PP = "org.bytedeco.javacpp.PointerPointer";
    private static final String DP = "org.bytedeco.javacpp.DoublePointer";
    private static final String BP = "org.bytedeco.javacpp.BytePointer";
    private static final String HANDLE = "org.bytedeco.cuda.cublas.cublasContext";
    private static final String PROGRAM = "org.bytedeco.cuda.nvrtc._nvrtcProgram";

    static List<Shape> shapes() {
        List<Shape> s = new ArrayList<>();
        s.add(new Shape(CUDART, "cudaMalloc", List.of(P, "long"), List.of(0)));
        s.add(new Shape(CUDART, "cudaFree", List.of(P), List.of()));
        s.add(new Shape(CUDART, "cudaMemcpy", List.of(P, P, "long", "int"), List.of()));
        s.add(new Shape(CUDART, "cudaMemcpyAsync", List.of(P, P, "long", "int"), List.of()));
        s.add(new Shape(CUDART, "cudaMemsetAsync", List.of(P, "int", "long"), List.of()));
        s.add(new Shape(CUDART, "cuDevicePrimaryCtxRetain", List.of("org.bytedeco.cuda.cudart.CUctx_st", "int"), List.of(0)));
        s.add(new Shape(CUDART, "cuCtxSetCurrent", List.of("org.bytedeco.cuda.cudart.CUctx_st"), List.of()));
        s.add(new Shape(CUDART, "cuModuleLoadData", List.of("org.bytedeco.cuda.cudart.CUmod_st", P), List.of(0)));
        s.add(new Shape(CUDART, "cuModuleGetFunction", List.of("org.bytedeco.cuda.cudart.CUfunc_st",
                "org.bytedeco.cuda.cudart.CUmod_st", "java.lang.String"), List.of(0)));
        s.add(new Shape(CUDART, "cuLaunchKernel", List.of("org.bytedeco.cuda.cudart.CUfunc_st", "int", "int", "int", "int", "int",
                "int", "int", "org.bytedeco.cuda.cudart.CUstream_st", PP, PP), List.of()));
        s.add(new Shape(CUDART, "cuGetErrorName", List.of("int", BP), List.of(1)));
        s.add(new Shape(CUBLAS, "cublasCreate_v2", List.of(HANDLE), List.of(0)));
        s.add(new Shape(CUBLAS, "cublasDgemm_v2", List.of(HANDLE, "int", "int", "int", "int", "int", DP, DP, "int", DP, "int",
                DP, DP, "int"), List.of()));
        s.add(new Shape(CUBLAS, "cublasDgemv_v2", List.of(HANDLE, "int", "int", "int", DP, DP, "int", DP, "int", DP, DP, "int"),
                List.of()));
        s.add(new Shape(NVRTC, "nvrtcCreateProgram", List.of(PROGRAM, BP, BP, "int", PP, PP), List.of(0)));
        s.add(new Shape(NVRTC, "nvrtcCompileProgram", List.of(PROGRAM, "int", PP), List.of()));
        s.add(new Shape(NVRTC, "nvrtcGetPTX", List.of(PROGRAM, BP), List.of()));
        s.add(new Shape(NVRTC, "nvrtcDestroyProgram", List.of(PROGRAM), List.of(0)));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void pointerParametersAreWhatTheBackendAssumes(Shape shape) throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        Class<?> owner = Class.forName(shape.owner(), false, loader); // not initialised: no native load
        Class<?>[] types = new Class<?>[shape.types().size()];
        for (int i = 0; i < types.length; i++) {
            String t = shape.types().get(i);
            types[i] = switch (t) {
                case "int" -> int.class;
                case "long" -> long.class;
                default -> Class.forName(t, false, loader);
            };
        }
        Method m = owner.getMethod(shape.method(), types);
        List<Integer> byPtrPtr = new ArrayList<>();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation a : annotations[i]) {
                if (a.annotationType() == ByPtrPtr.class) {
                    byPtrPtr.add(i);
                }
            }
        }
        assertEquals(shape.byPtrPtr(), byPtrPtr, shape + ": parameters passed by pointer-to-pointer");
    }
}
