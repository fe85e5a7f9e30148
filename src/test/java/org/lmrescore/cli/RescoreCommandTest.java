package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RescoreCommandTest {
    @TempDir
    Path dir;

    /** log10: P(the|<s>) -0.2, P(cat|the) -0.3, P(</s>|cat) -0.1; "a" only as a unigram (-0.9, backoff 0). */
    private static final String ARPA = """
            \\data\\
            ngram 1=6
            ngram 2=3

            \\1-grams:
            -1.0\t<unk>\t0
            -99\t<s>\t0
            -0.7\t</s>\t0
            -0.5\tthe\t0
            -0.8\tcat\t0
            -0.9\ta\t0

            \\2-grams:
            -0.2\t<s> the
            -0.3\tthe cat
            -0.1\tcat </s>

            \\end\\
            """;

    private static final String LATTICE = """
            N=4 L=4
            I=0 t=0.0
            I=1 t=0.4
            I=2 t=0.5
            I=3 t=0.9
            J=0 S=0 E=1 W=the a=-10 l=-1
            J=1 S=0 E=2 W=a a=-8 l=-1
            J=2 S=1 E=3 W=cat a=-10 l=-1
            J=3 S=2 E=3 W=cat a=-10 l=-1
            """;

    @Test
    void helpAndStrictExitStatus() throws Exception {
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run("rescore", "--help"));
            Path arpa = Files.writeString(dir.resolve("lm.arpa"), ARPA);
            Path bad = Files.writeString(dir.resolve("bad.slf"), "N=1 L=0\nI=0 q=1\n");
            assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", bad.toString(),
                    "--out", dir.resolve("o").toString(), "--strict"));
            assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", bad.toString(),
                    "--out", dir.resolve("o").toString(), "--mode", "sideways"));
            for (String rate : new String[] {"NaN", "Infinity", "-0.1"}) {
                assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", bad.toString(),
                        "--out", dir.resolve("o").toString(), "--dynamic", rate), "--dynamic " + rate);
            }
            assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", bad.toString(),
                    "--out", dir.resolve("o").toString(), "--lmscale", "NaN"));
            // every file failed, nothing rescored: bad input (2), not "some files skipped" (1)
            assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", bad.toString(),
                    "--out", dir.resolve("o").toString()));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void rescoresAFolderAndPrintsJsonLast() throws Exception {
        Path arpa = Files.writeString(dir.resolve("lm.arpa"), ARPA);
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.writeString(in.resolve("u1.slf"), LATTICE);
        Files.writeString(in.resolve("u2.slf"), LATTICE.replace("J=3 S=2 E=3 W=cat a=-10 l=-1", "J=3 S=2 E=3 W=cat a=-10 x=1"));
        Path ref = Files.writeString(dir.resolve("ref.trn"), "the cat (u1)\nthe cat (u2)\n");
        Path out = dir.resolve("out");
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            status = Main.run("rescore", "--kn", arpa.toString(), "--in", in.toString(), "--out", out.toString(),
                    "--ref", ref.toString(), "--json", "--lmscale", "10", "--first-pass-weight", "0", "--threads", "2");
        } finally {
            System.setOut(saved);
        }
        String stdout = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, stdout); // one file failed
        List<String> lines = stdout.lines().toList();
        String json = lines.get(lines.size() - 1);
        assertTrue(json.startsWith("{") && json.contains("\"utterances\": 1"), json);
        // first pass: "a cat" (-18 - 2) beats "the cat" (-20 - 2); the LM turns it round
        // WER over the rescored utterance u1 only (u2's file failed): 2 reference words
        assertTrue(json.contains("\"wer_before\": 50.0"), json); // u1 "a cat": 1 sub
        assertTrue(json.contains("\"wer_after\": 0.0"), json);
        assertTrue(json.contains("\"oracle_wer\": 0.0"), json);
        assertTrue(stdout.contains("u2.slf:9: unknown link field 'x='"), stdout);
        assertEquals(List.of("the cat (u1)"), Files.readAllLines(out.resolve("best.trn")));
        // nbest.tsv: ln P("the cat") = (-0.2 - 0.3 - 0.1) ln 10
        String top = Files.readAllLines(out.resolve("nbest.tsv")).get(2);
        String[] f = top.split("\t");
        assertEquals("the cat", f[7]);
        assertEquals(-0.6 * Math.log(10), Double.parseDouble(f[5]), 1e-5);
        assertEquals(-20 + 10 * -0.6 * Math.log(10), Double.parseDouble(f[2]), 1e-5);
        assertTrue(Files.exists(out.resolve("lattices/u1.slf.gz")));
    }
}
