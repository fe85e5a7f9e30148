package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train-kn, build-binary and ppl end to end, and their behaviour on bad input. */
class NgramCommandsTest {
    @TempDir
    Path tmp;

    private String stdout;
    private String stderr;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        stdout = r.stdout();
        stderr = r.stderr();
        return r.status();
    }

    @Test
    void trainBinaryAndPerplexity() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        Path test = SharedData.require("reference/kenlm-small/small-test.txt");
        Path arpa = tmp.resolve("kn3.arpa.gz");
        Path bin = tmp.resolve("kn3.bin");
        assertEquals(0, run("train-kn", "--order", "3", "--text", train.toString(), "--arpa", arpa.toString()), stderr);
        assertEquals(0, run("build-binary", arpa.toString(), bin.toString()), stderr);
        assertEquals(0, run("ppl", "--kn", bin.toString(), "--text", test.toString(), "--json"), stderr);
        String json = stdout.trim();
        assertTrue(json.startsWith("{\"sentences\": 300, \"words\": 6799, \"oovs\": 1329, \"zeroprobs\": 0, \"logprob\": "), json);
        assertTrue(json.contains("\"ppl\": 394.82"), "KenLM query on the 3-gram: 394.8289, " + json);
        assertTrue(json.contains("\"ppl1\": "), json);

        Path perWord = tmp.resolve("perword.txt");
        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", test.toString(), "--debug", perWord.toString()), stderr);
        var lines = Files.readAllLines(perWord);
        assertEquals(6799 + 300, lines.size(), "one line per word and </s>");
        assertEquals("painters\tOOV", lines.get(0));
        assertEquals("left\t-3.2504873", lines.get(1).substring(0, 15));
    }

    @Test
    void badArpaGivesExitTwoAndNoOutputFile() throws Exception {
        Path arpa = tmp.resolve("bad.arpa");
        Files.writeString(arpa, "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<s>\n-1\t</s>\n\n\\end\\\n");
        Path bin = tmp.resolve("out.bin");
        assertEquals(2, run("build-binary", arpa.toString(), bin.toString()));
        assertTrue(stderr.contains("bad.arpa:8: the \\data\\ header says 3 1-grams but the section has 2"), stderr);
        assertFalse(stderr.contains("Exception"), stderr);
        assertFalse(Files.exists(bin));
        assertNoTempFiles();

        Path text = tmp.resolve("t.txt");
        Files.writeString(text, "a b\n");
        assertEquals(2, run("ppl", "--kn", arpa.toString(), "--text", text.toString(), "--json"));
        assertEquals("", stdout);
    }

    @Test
    void emptyTrainingTextGivesExitTwoAndNoModel() throws Exception {
        Path text = tmp.resolve("empty.txt");
        Files.writeString(text, "\n  \n");
        Path arpa = tmp.resolve("m.arpa");
        assertEquals(2, run("train-kn", "--text", text.toString(), "--arpa", arpa.toString()));
        assertTrue(stderr.contains("empty.txt: empty training text"), stderr);
        assertFalse(Files.exists(arpa));
        assertNoTempFiles();
    }

    @Test
    void tinyTextNamesTheDiscountProblem() throws Exception {
        Path text = tmp.resolve("tiny.txt");
        Files.writeString(text, "a b c\n");
        Path arpa = tmp.resolve("m.arpa");
        assertEquals(2, run("train-kn", "--order", "2", "--text", text.toString(), "--arpa", arpa.toString()));
        assertTrue(stderr.contains("cannot estimate Kneser-Ney discounts"), stderr);
        assertFalse(Files.exists(arpa));
        assertEquals(0, run("train-kn", "--order", "2", "--text", text.toString(), "--arpa", arpa.toString(), "--discount-fallback"), stderr);
        assertTrue(Files.exists(arpa));
    }

    private void assertNoTempFiles() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
