package org.lmrescore.rescore.tune;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code tune} writes its chosen options, {@code rescore @FILE} reads them, and the
 * WER rescore measures on the same lists is the WER tune reported (the cache is what rescore does).
 */
class TuneThenRescoreTest {
    private static final String ARPA = String.join("\n",
            "\\data\\", "ngram 1=7", "ngram 2=5", "",
            "\\1-grams:",
            "-1.0\t<s>\t-0.3", "-0.8\t</s>", "-0.9\tthe\t-0.2", "-1.1\tcat\t-0.2", "-1.2\tsat\t-0.1",
            "-1.0\ta\t-0.2", "-1.6\that\t-0.1", "",
            "\\2-grams:",
            "-0.3\t<s> the", "-0.2\tthe cat", "-0.3\tcat sat", "-0.2\tsat </s>", "-0.4\ta hat", "",
            "\\end\\", "");

    private static final String NBEST = String.join("\n",
            "#lmrescore-nbest v1 (natural log; total = acoustic + lm + wdpenalty x nwords; wdpenalty=0)",
            "#utt\trank\ttotal\tacoustic\tlm\tlnp\tnwords\twords",
            "u1\t1\t0\t-100\t-6\t-\t3\tthe cat sat",
            "u1\t2\t0\t-98\t-7\t-\t3\ta cat sat",
            "u1\t3\t0\t-97.5\t-9\t-\t2\ta hat",
            "u2\t1\t0\t-50\t-5\t-\t2\ta hat",
            "u2\t2\t0\t-49\t-6\t-\t3\tthe cat the",
            "u2\t3\t0\t-51\t-4\t-\t3\ta hat sat",
            "u3\t1\t0\t-70\t-8\t-\t2\tthe hat",
            "u3\t2\t0\t-71\t-8.5\t-\t2\tthe cat",
            "");

    @TempDir
    Path dir;
    private Path lm;
    private Path nbest;
    private Path ref;
    private Path params;

    @BeforeEach
    void writeInputs() throws Exception {
        lm = Files.writeString(dir.resolve("lm.arpa"), ARPA);
        nbest = Files.writeString(dir.resolve("dev.nbest.tsv"), NBEST);
        ref = Files.writeString(dir.resolve("ref.trn"), "the cat sat (u1)\na hat sat (u2)\nthe cat (u3)\n");
        params = dir.resolve("tuned.args");
    }

    @Test
    void rescoreWithTheTunedOptionsReproducesTheTunedWer() throws Exception {
        String tuned = run("tune", "--kn", lm.toString(), "--in", nbest.toString(), "--ref", ref.toString(),
                "--params", params.toString(), "--threads", "1", "--json");
        double tunedWer = number(tuned, "tuning_wer");
        assertTrue(Files.readString(params).startsWith("--lmscale "), Files.readString(params));

        String rescored = run("rescore", "@" + params, "--kn", lm.toString(), "--in", nbest.toString(),
                "--out", dir.resolve("out").toString(), "--ref", ref.toString(), "--threads", "1", "--json");
        assertEquals(tunedWer, number(rescored, "wer_after"), 1e-9);
        String untuned = run("rescore", "--kn", lm.toString(), "--in", nbest.toString(),
                "--out", dir.resolve("out0").toString(), "--ref", ref.toString(), "--threads", "1", "--json");
        assertTrue(tunedWer <= number(untuned, "wer_after"), tunedWer + " vs " + untuned);
    }

    /** The same for consensus decoding: tune's consensus WER at its chosen posterior scale is rescore's. */
    @Test
    void rescoreWithTheTunedConsensusReproducesItsWer() throws Exception {
        String tuned = run("tune", "--kn", lm.toString(), "--in", nbest.toString(), "--ref", ref.toString(),
                "--params", params.toString(), "--threads", "1", "--decode", "consensus", "--json");
        String args = Files.readString(params);
        assertTrue(args.contains("--decode\nmbr\n--posterior-scale\n") && args.contains("--confidence-map\n"), args);
        String rescored = run("rescore", "@" + params, "--kn", lm.toString(), "--in", nbest.toString(),
                "--out", dir.resolve("out").toString(), "--ref", ref.toString(), "--threads", "1", "--json");
        assertEquals(number(tuned, "tuning_wer_consensus"), number(rescored, "wer_after"), 1e-9);
        assertTrue(Files.exists(dir.resolve("out/viterbi.trn")));
    }

    private static String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(args), () -> bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double number(String output, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(output);
        assertTrue(m.find(), key + " in " + output);
        return Double.parseDouble(m.group(1));
    }
}
