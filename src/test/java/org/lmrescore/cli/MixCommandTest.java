package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.mix.MixComponent;
import org.lmrescore.lm.mix.MixFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mix and ppl --mix end to end on models whose best mixture is known in closed form. */
class MixCommandTest {
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

    /** A unigram ARPA model: P(</s>) = 1/2 and P(word) = 1/2, every other word (practically) 0. */
    private Path unigram(String name, String word, String other) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "\\data\\\nngram 1=4\n\n\\1-grams:\n-0.30103\t</s>\n-99\t<s>\n-0.30103\t" + word
                + "\n-99\t" + other + "\n\n\\end\\\n");
        return p;
    }

    @Test
    void emFindsTheKnownOptimumAndPplReadsTheMixFile() throws Exception {
        Path a = unigram("a.arpa", "a", "b");
        Path b = unigram("b.arpa", "b", "a");
        // 7 a, 3 b, 4 </s>. The mixture gives a: l/2, b: (1-l)/2, </s>: 1/2 whatever l is, so the
        // likelihood is l^7 (1-l)^3 times a constant: maximal at l = 7/10.
        Path dev = tmp.resolve("dev.txt");
        Files.writeString(dev, "a a b\na b a\nb a a\na\n");
        Path start = tmp.resolve("start.mix");
        Files.writeString(start, "# equal weights to start with\n0.5\tkn\ta.arpa\n0.5\tkn\tb.arpa\n");
        Path tuned = tmp.resolve("tuned.mix");
        assertEquals(0, run("mix", "--mix", start.toString(), "--text", dev.toString(), "--out", tuned.toString()), stderr);

        List<MixComponent> mix = MixFile.read(tuned);
        assertEquals(0.7, mix.get(0).weight(), 1e-4, stdout);
        assertEquals(0.3, mix.get(1).weight(), 1e-4, stdout);
        assertEquals(a, mix.get(0).path());
        double before = Math.exp(-(7 * Math.log(0.25) + 3 * Math.log(0.25) + 4 * Math.log(0.5)) / 14);
        double after = Math.exp(-(7 * Math.log(0.35) + 3 * Math.log(0.15) + 4 * Math.log(0.5)) / 14);
        assertTrue(stdout.contains(String.format(java.util.Locale.ROOT, "dev perplexity: %.4f with the starting weights, %.4f tuned",
                before, after)), stdout);

        assertEquals(0, run("ppl", "--mix", tuned.toString(), "--text", dev.toString(), "--json"), stderr);
        assertEquals(after, field(stdout, "ppl"), 1e-3, stdout);
        assertTrue(stdout.contains("\"words\": 10"), stdout);
    }

    @Test
    void mixRefusesMixedOptionsAndNeedsTwoModels() throws Exception {
        Path a = unigram("a.arpa", "a", "b");
        Path dev = tmp.resolve("dev.txt");
        Files.writeString(dev, "a\n");
        Path m = tmp.resolve("m.mix");
        Files.writeString(m, "1\tkn\ta.arpa\n");
        assertEquals(2, run("ppl", "--mix", m.toString(), "--kn", a.toString(), "--text", dev.toString()));
        assertTrue(stderr.contains("drop --rnn, --kn and --lambda"), stderr);
        assertEquals(2, run("mix", "--kn", a.toString(), "--text", dev.toString(), "--out", tmp.resolve("o.mix").toString()));
        assertTrue(stderr.contains("at least two models"), stderr);
        assertTrue(!Files.exists(tmp.resolve("o.mix")));
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), json);
        return Double.parseDouble(m.group(1));
    }
}
