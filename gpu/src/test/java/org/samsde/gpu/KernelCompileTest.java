package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernel sources compile, on every machine that has nvcc (no GPU needed): each resource file is
 * compiled to PTX with {@code nvcc --ptx -arch=compute_75} (the oldest architecture CUDA 13
 * supports, so the code needs nothing newer) with warnings as errors, and the PTX must declare
 * exactly the entry points {@link Kernel} launches from that file, each with the parameter types of
 * its signature. A kernel syntax error, a renamed kernel or a parameter added on one side only
 * fails the build here rather than at run time on a GPU.
 */
class KernelCompileTest {
    private static final String ARCH = "compute_75";
    private static Path nvcc;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findNvcc() throws IOException {
        nvcc = locateNvcc();
        Files.writeString(dir.resolve(KernelSource.HEADER), KernelSource.header(), StandardCharsets.UTF_8);
        for (KernelSource s : KernelSource.values()) {
            Files.writeString(dir.resolve(s.fileName()), s.text(), StandardCharsets.UTF_8);
        }
    }

    /** /usr/local/cuda/bin/nvcc, $CUDA_HOME/bin/nvcc, or nvcc on the PATH; null when none. */
    static Path locateNvcc() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        for (String env : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String home = System.getenv(env);
            if (home != null && !home.isBlank()) {
                candidates.add(Path.of(home, "bin", "nvcc"));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    candidates.add(Path.of(p, "nvcc"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    @ParameterizedTest
    @EnumSource(KernelSource.class)
    void compilesToPtxWithTheLaunchedEntryPoints(KernelSource source) throws Exception {
        Assumptions.assumeTrue(nvcc != null, "skipped: nvcc not found in /usr/local/cuda/bin, $CUDA_HOME/bin or on the PATH");
        Path ptx = dir.resolve(source.fileName() + ".ptx");
        Process p = new ProcessBuilder(nvcc.toString(), "--ptx", "-arch=" + ARCH, "--Werror", "all-warnings",
                "-I", dir.toString(), "-o", ptx.toString(), dir.resolve(source.fileName()).toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc did not finish on " + source.fileName());
        assertEquals(0, p.exitValue(), "nvcc --ptx " + source.fileName() + " failed:\n" + output);

        Map<String, String> entries = entries(Files.readString(ptx));
        Map<String, String> expected = new LinkedHashMap<>();
        for (Kernel k : Kernel.values()) {
            if (k.source() == source) {
                expected.put(k.symbol(), k.signature().replace('P', 'I'));
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(entries.keySet()),
                "entry points of " + source.fileName() + " versus the kernels launched from it");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), entries.get(e.getKey()),
                    "parameter types of " + e.getKey() + " (I: 64-bit integer or pointer, D: double)");
        }
    }

    /** Entry name → its parameter types, I for .u64/.s64/.b64 and D for .f64 (others kept verbatim). */
    static Map<String, String> entries(String ptx) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)").matcher(ptx);
        while (m.find()) {
            StringBuilder sig = new StringBuilder();
            Matcher param = Pattern.compile("\\.param\\s+\\.(\\w+)").matcher(m.group(2));
            while (param.find()) {
                String t = param.group(1);
                sig.append(switch (t) {
                    case "u64", "s64", "b64" -> "I";
                    case "f64" -> "D";
                    default -> "<" + t + ">";
                });
            }
            out.put(m.group(1), sig.toString());
        }
        return out;
    }

    /** NVRTC has no standard headers: the kernels may include nothing but the shared header. */
    @ParameterizedTest
    @EnumSource(KernelSource.class)
    void includesOnlyTheSharedHeader(KernelSource source) {
        for (String text : List.of(source.text(), KernelSource.header())) {
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("#include")) {
                    assertEquals("#include \"" + KernelSource.HEADER + "\"", line.strip(), source.fileName() + ": " + line);
                }
            }
            for (String macro : List.of("INFINITY", "NAN", "HUGE_VAL", "M_PI")) {
                assertTrue(!Pattern.compile("\\b" + macro + "\\b").matcher(text).find(),
                        source.fileName() + " uses " + macro + ", a <math.h> macro NVRTC does not define");
            }
        }
    }

    @Test
    void everyKernelHasAValidSignature() {
        for (Kernel k : Kernel.values()) {
            assertTrue(k.signature().matches("[IDP]{1," + KernelArgs.MAX + "}"), k + ": " + k.signature());
            assertTrue(k.symbol().startsWith("samsde_"), k.symbol());
        }
    }
}
