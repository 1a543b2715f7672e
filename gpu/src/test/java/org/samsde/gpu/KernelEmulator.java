package org.samsde.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * The kernel sources of the backend compiled for the host with g++ against the fiber execution
 * model of {@code emulator/cuda_emu.h}, loaded with JNA: each launch runs the unchanged CUDA C of
 * the kernel, block by block, thread by thread, with real barriers and warp exchanges. Trampolines
 * from the parameter block to each kernel are generated from the {@link Kernel} table, so the
 * emulation also checks that table against the sources' parameter lists (g++ rejects a mismatch).
 *
 * <p>Built once per test JVM in a temporary directory; tests that need it are skipped when g++ is
 * absent.
 */
final class KernelEmulator {
    private static final String RESOURCES = "/org/samsde/gpu/emulator/";
    /**
     * The kernels whose threads wait for each other (barriers, warp exchanges): they run as fibers.
     * The others run thread after thread; one of them meeting a barrier fails its launch, so a
     * kernel missing here is reported, never miscomputed.
     */
    private static final java.util.Set<Kernel> COOPERATIVE = java.util.EnumSet.of(Kernel.SUM_ROWS, Kernel.DOT_PARTIALS,
            Kernel.SEGMENT_SUMS, Kernel.TRANSPOSE_BATCH, Kernel.SOFTMAX_CROSS_ENTROPY, Kernel.SQUARED_ERROR);
    private static KernelEmulator instance;
    private static String failure;

    private final Function launch;

    private KernelEmulator(Path library) {
        this.launch = NativeLibrary.getInstance(library.toString()).getFunction("samsde_emu_launch");
    }

    /** @return the emulator, built on first use; skips the calling test when g++ is missing */
    static synchronized KernelEmulator get() {
        if (instance == null && failure == null) {
            Path gxx = Stream.of("/usr/bin/g++", "/usr/local/bin/g++").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
            if (gxx == null) {
                failure = "g++ not found in /usr/bin or /usr/local/bin";
            } else {
                instance = new KernelEmulator(build(gxx));
            }
        }
        Assumptions.assumeTrue(instance != null, "skipped, the kernel emulator needs g++: " + failure);
        return instance;
    }

    private static Path build(Path gxx) {
        try {
            Path dir = Files.createTempDirectory("samsde-kernel-emulator");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }));
            Files.writeString(dir.resolve("cuda_emu.h"), resource("cuda_emu.h"));
            Files.writeString(dir.resolve("cuda_emu.cpp"), resource("cuda_emu.cpp"));
            Files.writeString(dir.resolve(KernelSource.HEADER), KernelSource.header());
            StringBuilder all = new StringBuilder("#include \"cuda_emu.h\"\n");
            for (KernelSource s : KernelSource.values()) {
                Files.writeString(dir.resolve(s.fileName()), s.text());
                all.append("#include \"").append(s.fileName()).append("\"\n");
            }
            all.append(trampolines());
            Files.writeString(dir.resolve("emu_kernels.cpp"), all.toString());
            Path library = dir.resolve("libsamsde_emu.so");
            Process p = new ProcessBuilder(gxx.toString(), "-std=c++17", "-O2", "-g", "-shared", "-fPIC", "-Wall",
                    "-Wno-unused-function", "-I", dir.toString(), "-o", library.toString(),
                    dir.resolve("cuda_emu.cpp").toString(), dir.resolve("emu_kernels.cpp").toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("g++ could not build the kernel emulator:\n" + output);
            }
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One call_NAME(void** p) per kernel, unpacking 8-byte slots by the signature, and the lookup. */
    static String trampolines() {
        StringBuilder s = new StringBuilder("""

                namespace {
                struct AnyPtr {
                    void* p;
                    template <class T> operator T*() const { return static_cast<T*>(p); }
                };
                inline long long emu_i(void** p, int i) { return *static_cast<long long*>(p[i]); }
                inline double emu_d(void** p, int i) { return *static_cast<double*>(p[i]); }
                inline AnyPtr emu_p(void** p, int i) { return AnyPtr{reinterpret_cast<void*>(*static_cast<long long*>(p[i]))}; }
                """);
        for (Kernel k : Kernel.values()) {
            s.append("void call_").append(k.symbol()).append("(void** p) { ").append(k.symbol()).append('(');
            String sig = k.signature();
            for (int i = 0; i < sig.length(); i++) {
                s.append(i == 0 ? "" : ", ").append(switch (sig.charAt(i)) {
                    case 'I' -> "emu_i";
                    case 'D' -> "emu_d";
                    default -> "emu_p";
                }).append("(p, ").append(i).append(')');
            }
            s.append("); }\n");
        }
        s.append("}  // namespace\n\nextern \"C\" void* samsde_emu_entry(const char* name) {\n");
        for (Kernel k : Kernel.values()) {
            s.append("    if (strcmp(name, \"").append(k.symbol()).append("\") == 0) return reinterpret_cast<void*>(&call_")
                    .append(k.symbol()).append(");\n");
        }
        return s.append("    return nullptr;\n}\n").toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KernelEmulator.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCES + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs a kernel to completion.
     *
     * @param kernel the kernel
     * @param grid grid extents x, y, z
     * @param block block extents x, y
     * @param parameters address of the parameter pointer array
     * @throws IllegalStateException on an unknown kernel, a barrier deadlock or a bad launch shape
     */
    void launch(Kernel kernel, int[] grid, int[] block, long parameters) {
        int rc = launch.invokeInt(new Object[] {kernel.symbol(), grid[0], grid[1], grid[2], block[0], block[1], 1,
            COOPERATIVE.contains(kernel) ? 1 : 0, new com.sun.jna.Pointer(parameters)});
        if (rc != 0) {
            throw new IllegalStateException("emulated launch of " + kernel.symbol() + " failed: " + switch (rc) {
                case 1 -> "unknown kernel";
                case 2 -> "threads of a block deadlocked at barriers";
                case 4 -> "it meets a barrier or warp exchange; list it in KernelEmulator.COOPERATIVE";
                default -> "bad launch shape grid " + java.util.Arrays.toString(grid) + " block " + java.util.Arrays.toString(block);
            });
        }
    }
}
