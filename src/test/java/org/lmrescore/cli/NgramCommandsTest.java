package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The trie layouts from the command line give the ARPA file's perplexity (exactly, or within
     * 0.5% quantised), with any number of threads; --quantize needs the trie; a trie is not made
     * from a binary model.
     */
    @Test
    void binaryLayoutsAndThreadsGiveTheSamePerplexity() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o5.arpa.gz");
        Path test = SharedData.require("reference/kenlm-small/small-test.txt");
        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", test.toString(), "--json", "--threads", "1"), stderr);
        String reference = stdout.trim();
        assertTrue(reference.contains("\"ppl\": 394.55"), "KenLM: 394.5564835, " + reference);
        Path trie = tmp.resolve("kn5.trie");
        assertEquals(0, run("build-binary", "--layout", "trie", arpa.toString(), trie.toString()), stderr);
        for (String threads : new String[] {"1", "2", "3"}) {
            assertEquals(0, run("ppl", "--kn", trie.toString(), "--text", test.toString(), "--json", "--threads", threads), stderr);
            assertEquals(reference, stdout.trim(), threads + " threads");
        }
        Path quantized = tmp.resolve("kn5.q8.trie");
        assertEquals(0, run("build-binary", "--layout", "trie", "--quantize", "8", arpa.toString(), quantized.toString()), stderr);
        assertEquals(0, run("ppl", "--kn", quantized.toString(), "--text", test.toString(), "--json"), stderr);
        double ppl = Double.parseDouble(stdout.replaceAll(".*\"ppl\": ([0-9.]+).*\\s*", "$1"));
        assertEquals(394.556, ppl, 394.556 * 0.005, stdout);
        assertTrue(Files.size(quantized) < Files.size(trie), "quantised is smaller");

        assertEquals(2, run("build-binary", "--quantize", "8", arpa.toString(), tmp.resolve("x.bin").toString()));
        assertTrue(stderr.contains("--quantize needs --layout trie"), stderr);
        assertEquals(2, run("build-binary", "--layout", "trie", trie.toString(), tmp.resolve("y.bin").toString()));
        assertTrue(stderr.contains("a trie is built from an ARPA file"), stderr);
        assertEquals(2, run("build-binary", "--layout", "trie", arpa.toString(), "/dev/null"));
        assertTrue(stderr.contains("error: /dev/null: not a regular file"), "the output is named, not the input: " + stderr);
        assertEquals(2, run("build-binary", "--layout", "hash", arpa.toString(), tmp.resolve("z.bin").toString()));
        assertTrue(stderr.contains("--layout is probing or trie"), stderr);
        assertFalse(Files.exists(tmp.resolve("x.bin")) || Files.exists(tmp.resolve("y.bin")) || Files.exists(tmp.resolve("z.bin")));
    }

    /**
     * lmplz's --prune 0 0 1 is --cutoffs 1,1,2 (lmplz 4cb443e on brown-asr, the same trigram
     * counts 41131/330094/49998 and test PPL 495.725 from both): the same ARPA file, with fewer
     * trigrams than unpruned; thresholds must not decrease.
     */
    @Test
    void pruneIsCountCutoffsOneHigher() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        Path pruned = tmp.resolve("pruned.arpa");
        Path cut = tmp.resolve("cut.arpa");
        Path full = tmp.resolve("full.arpa");
        assertEquals(0, run("train-kn", "--order", "3", "--text", train.toString(), "--arpa", pruned.toString(), "--prune", "0", "0", "1"), stderr);
        assertEquals(0, run("train-kn", "--order", "3", "--text", train.toString(), "--arpa", cut.toString(), "--cutoffs", "1,1,2"), stderr);
        assertEquals(0, run("train-kn", "--order", "3", "--text", train.toString(), "--arpa", full.toString()), stderr);
        assertEquals(Files.readString(cut), Files.readString(pruned));
        long trigramsPruned = count(pruned, 3);
        long trigramsFull = count(full, 3);
        assertTrue(trigramsPruned > 0 && trigramsPruned < trigramsFull / 2, trigramsPruned + " of " + trigramsFull);
        assertEquals(count(full, 2), count(pruned, 2), "no bigram is pruned at 0");
        assertEquals(2, run("train-kn", "--order", "3", "--text", train.toString(), "--arpa", tmp.resolve("x.arpa").toString(), "--prune", "0", "2", "1"));
        assertTrue(stderr.contains("non-decreasing"), stderr);
    }

    private static long count(Path arpa, int order) throws Exception {
        try (Stream<String> lines = Files.lines(arpa)) {
            return lines.filter(l -> l.startsWith("ngram " + order + "=")).mapToLong(l -> Long.parseLong(l.substring(l.indexOf('=') + 1))).sum();
        }
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
    void trainingTextThatIsNotUtf8NamesItsLine() throws Exception {
        // the text is read on a thread of its own while counting goes on: its error still reaches the user as file:line
        Path text = tmp.resolve("latin1.txt");
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            good.append("the cat sat on the mat number ").append(i).append('\n');
        }
        byte[] head = good.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = "caf\u00e9 au lait\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(text, all);
        Path arpa = tmp.resolve("m.arpa");
        assertEquals(2, run("train-kn", "--order", "3", "--text", text.toString(), "--arpa", arpa.toString()));
        assertTrue(stderr.contains("latin1.txt:20001: not valid UTF-8 text"), stderr);
        assertFalse(stderr.contains("Exception"), stderr);
        assertFalse(Files.exists(arpa));
        assertNoTempFiles();
        assertEquals(2, run("train-kn", "--order", "3", "--text", tmp.resolve("none.txt").toString(), "--arpa", arpa.toString()));
        assertTrue(stderr.contains("none.txt: no such file"), stderr);
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

    /**
     * Several texts with one load: each file's summary is the one its own run prints, in order,
     * and the last is of all of them together: KenLM's perplexity of the whole test, which was
     * split in two here. --dynamic, whose model changes as it reads, takes one text.
     */
    @Test
    void severalTextsGiveEachFilesSummaryThenTheirTotal() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        Path test = SharedData.require("reference/kenlm-small/small-test.txt");
        List<String> lines = Files.readAllLines(test);
        Path first = tmp.resolve("first.txt");
        Path second = tmp.resolve("second.txt");
        Files.write(first, lines.subList(0, 100));
        Files.write(second, lines.subList(100, lines.size()));
        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", first.toString(), "--json"), stderr);
        String firstAlone = stdout.trim();
        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", second.toString(), "--json"), stderr);
        String secondAlone = stdout.trim();

        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", first.toString(), second.toString(), "--json"), stderr);
        String[] out = stdout.trim().split("\n");
        assertEquals(3, out.length, stdout);
        assertEquals(firstAlone.replace("}", ", \"file\": \"" + first + "\"}"), out[0]);
        assertEquals(secondAlone.replace("}", ", \"file\": \"" + second + "\"}"), out[1]);
        assertTrue(out[2].startsWith("{\"sentences\": 300, \"words\": 6799, \"oovs\": 1329, \"zeroprobs\": 0, "), out[2]);
        assertTrue(out[2].contains("\"ppl\": 394.82") && out[2].endsWith("\"files\": 2}"), "KenLM query on the whole test: 394.8289, " + out[2]);

        assertEquals(0, run("ppl", "--kn", arpa.toString(), "--text", first.toString(), "--text", second.toString()), stderr);
        assertTrue(stdout.contains("file " + first + ": 100 sentences") && stdout.contains("2 files: 300 sentences, 6799 words, 1329 OOVs"), stdout);

        assertEquals(2, run("ppl", "--rnn", "models/rnn-small.bin", "--dynamic", "0.1", "--text", first.toString(), second.toString()));
        assertTrue(stderr.contains("--dynamic takes one --text"), stderr);
    }
}
