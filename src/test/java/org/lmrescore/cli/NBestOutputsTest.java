package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rescored N-best lists written for SRILM and for the rnnlm toolkit hold what nbest.tsv
 * holds: the same hypotheses in the same order and, for SRILM, scores that recombine to the
 * totals (ascore + lmscale x lscore, plus wip per word, times ln 10).
 */
class NBestOutputsTest {
    private static final Path KN = Path.of("models/kn5-small.arpa.gz").toAbsolutePath();

    @Test
    void srilmAndRnnlmListsMatchTheTsv(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("rescore", "--kn", KN.toString(), "--in", "lattices/sample/slf.list", "--out", out.toString(),
                "--lmscale", "7", "--wip", "-0.5", "--nbest", "20", "--threads", "1");
        assertEquals(0, r.status(), r.stderr());
        List<String> tsv = Files.readAllLines(out.resolve("nbest.tsv")).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> rnnlm = Files.readAllLines(out.resolve("nbest.rnnlm.txt"));
        assertEquals(tsv.size(), rnnlm.size());
        int line = 0;
        String id = null;
        List<Hypothesis> srilm = null;
        for (String t : tsv) {
            String[] f = t.split("\t");
            List<String> words = f.length > 7 ? java.util.Arrays.stream(f[7].split(" ")).filter(Tokens::isWord).toList() : List.of();
            assertEquals(String.join(" ", concat(f[0], words)), rnnlm.get(line++));  // words: fillers dropped, as in best.trn
            if (!f[0].equals(id)) {
                id = f[0];
                List<NBestList> lists = InputFormat.read(out.resolve("nbest-srilm/" + id + ".nbest"), InputFormat.SRILM_NBEST)
                        .stream().map(u -> u.nbest()).toList();
                srilm = lists.get(0).hypotheses();
            }
            Hypothesis h = srilm.get(Integer.parseInt(f[1]) - 1);
            assertEquals(words, h.words());
            double total = h.acoustic() + 7 * h.firstPassLm() - 0.5 * Integer.parseInt(f[6]);
            assertEquals(Double.parseDouble(f[2]), total, 1e-4, t);
        }
    }

    private static List<String> concat(String id, List<String> words) {
        List<String> all = new java.util.ArrayList<>(List.of(id));
        all.addAll(words);
        return all;
    }
}
