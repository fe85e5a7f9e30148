package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job too big for the JVM's heap ends with one line saying so, exit 3, no stack trace and no output file. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void heapTooSmallIsOneClearLine() throws Exception {
        Path text = SharedData.require("data/gutenberg/train.txt");
        Path arpa = tmp.resolve("kn5.arpa");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 64 MB cannot hold the counts of 7.6 M words: the counter's first allocation fails
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train-kn", "--order", "5", "--text", text.toString(), "--arpa", arpa.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_INTERNAL, p.waitFor(), out);
        assertTrue(out.contains("train-kn: error: out of memory") && out.contains("maximum heap of"), out);
        assertFalse(out.contains("\tat ") || out.contains("Exception in thread"), out);
        assertFalse(Files.exists(arpa));
    }
}
