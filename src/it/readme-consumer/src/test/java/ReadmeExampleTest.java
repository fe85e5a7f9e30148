import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Rescoring Sphinx4 results in your program" example, compiled and run as printed
 * (only its two file names are pointed at real files) in a program that depends on the installed
 * library artifact: the documented API must exist and work with the dependencies the library's POM
 * gives a user, and those must not include what only the commands and benchmarks need.
 */
class ReadmeExampleTest {
    private static final String SECTION = "## Rescoring Sphinx4 results in your program";
    private static final Path ROOT = Path.of(System.getProperty("lmrescore.root", "../../.."));

    @TempDir
    Path dir;

    @Test
    void theLibraryBringsNoCommandOrBenchmarkDependencies() {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> ours = classPath.stream().filter(e -> Path.of(e).getFileName().toString().startsWith("lmrescore"))
                .collect(Collectors.toList());
        assertEquals(1, ours.size(), "one lmrescore jar expected on " + classPath);
        assertEquals("lmrescore-" + System.getProperty("lmrescore.version") + ".jar",
                Path.of(ours.get(0)).getFileName().toString(), "the library jar, not the all-in-one one");
        for (String commandsOnly : List.of("picocli.CommandLine", "org.jfree.chart.JFreeChart",
                "org.apache.commons.csv.CSVFormat", "org.openjdk.jmh.annotations.Benchmark", "org.ejml.data.FMatrixRMaj",
                "org.apache.spark.SparkContext")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(commandsOnly),
                    commandsOnly + " should not reach a library user's class path");
        }
        // fastutil-core (6 MB) holds every collection the library uses; the full fastutil is 24 MB.
        assertTrue(classPath.stream().noneMatch(e -> Path.of(e).getFileName().toString().matches("fastutil-\\d.*")),
                () -> "the full fastutil on " + classPath);
        assertTrue(classPath.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("fastutil-core-")),
                () -> "fastutil-core missing from " + classPath);
    }

    @Test
    void readmeExampleCompilesAndRescoresRealSpeech() throws Exception {
        Path shared = System.getenv("LMRESCORE_SHARED") != null ? Path.of(System.getenv("LMRESCORE_SHARED"))
                : ROOT.resolve("../shared");
        Path wav = shared.resolve("speech/dev/wav/arctic_b0003_1592701239.wav"); // "i can see that knife now"
        Assumptions.assumeTrue(Files.exists(wav), () -> "shared data not found: " + wav);
        String block = javaBlockAfter(Files.readString(ROOT.resolve("README.md")), SECTION);
        assertTrue(block.contains("\"kn5.bin\"") && block.contains("\"utt.wav\""), block);
        String code = block.replace("\"kn5.bin\"", quoted(ROOT.resolve("models/kn5-small.arpa.gz")))
                .replace("\"utt.wav\"", quoted(wav));

        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        Path source = dir.resolve("ReadmeExample.java");
        Files.writeString(source, imports + "public class ReadmeExample {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK is needed to compile the example");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertEquals(0, status, "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        String printed;
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass("ReadmeExample").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
            printed = out.toString(StandardCharsets.UTF_8);
        }
        // One line per Sphinx segment: the rescored transcript, then its words with times.
        String all = printed.replaceAll("\\[.*", "").trim();
        List<String> words = List.of(all.split("\\s+"));
        int found = 0;
        for (String w : List.of("i", "can", "see", "that", "knife", "now")) {
            found += words.contains(w) ? 1 : 0;
        }
        assertTrue(found >= 4, "rescored transcript far from 'i can see that knife now': " + printed);
        assertTrue(printed.matches("(?s).*\\d+\\.\\d+.*"), "word times expected in: " + printed);
    }

    /** The first ```java fenced block after the heading. */
    static String javaBlockAfter(String readme, String heading) {
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, "README has no section '" + heading + "'");
        int start = readme.indexOf("```java\n", at);
        int end = readme.indexOf("\n```", start + 8);
        assertTrue(start >= 0 && end > start, "no ```java block after '" + heading + "'");
        return readme.substring(start + 8, end + 1);
    }

    private static String quoted(Path p) {
        return "\"" + p.toAbsolutePath().normalize().toString().replace("\\", "\\\\") + "\"";
    }
}
