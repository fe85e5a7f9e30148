package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Rescoring Sphinx4 results in your program" example, compiled and run as printed
 * (only its two file names are pointed at real files): the documented API must exist and work.
 */
class ReadmeExampleTest {
    private static final String SECTION = "## Rescoring Sphinx4 results in your program";

    @TempDir
    Path dir;

    @Test
    void readmeExampleCompilesAndRescoresRealSpeech() throws Exception {
        Path wav = SharedData.require("speech/dev/wav/arctic_b0003_1592701239.wav"); // "i can see that knife now"
        String block = javaBlockAfter(Files.readString(Path.of("README.md")), SECTION);
        assertTrue(block.contains("\"kn5.bin\"") && block.contains("\"utt.wav\""), block);
        String code = block.replace("\"kn5.bin\"", quoted(Path.of("models/kn5-small.arpa.gz")))
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
        int status = javac.run(null, diagnostics, diagnostics, "-classpath", classPath(), "-d", dir.toString(),
                source.toString());
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
        return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }

    /** The classes a user compiles against: this project's and Sphinx4's (surefire may hide java.class.path). */
    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {SphinxRescorer.class, edu.cmu.sphinx.api.Configuration.class}) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> all = new ArrayList<>(entries);
        all.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        return String.join(java.io.File.pathSeparator, all);
    }
}
