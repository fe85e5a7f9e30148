package org.lmrescore.lm.ngram;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load time and single-thread query speed of an n-gram model file, for {@code eval/bench-kn.sh}:
 * {@code java -cp "$(eval/test-classpath.sh)" org.lmrescore.lm.ngram.QueryBenchmark MODEL TEXT [SECONDS]}.
 * Prints the file size, the first (cold) and best of three load times, then scores the text
 * (OOVs as {@code <unk>}, {@code </s>} included) over and over for about SECONDS seconds, and
 * prints words scored per second (each a full backoff probability with the next state) and
 * hash-table probes per second.
 */
public final class QueryBenchmark {
    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path modelPath = Path.of(args[0]);
        Path text = Path.of(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        long t0 = System.nanoTime();
        NgramModel model = NgramModels.load(modelPath);
        double firstLoad = (System.nanoTime() - t0) / 1e9;
        double bestLoad = firstLoad;
        for (int i = 0; i < 2; i++) {
            model = null;
            System.gc();
            long t = System.nanoTime();
            model = NgramModels.load(modelPath);
            bestLoad = Math.min(bestLoad, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "model file            %s (%.1f MB)%n", modelPath, Files.size(modelPath) / 1e6);
        System.out.printf(Locale.ROOT, "load time             %.3f s first (cold JVM), %.3f s best of 3%n", firstLoad, bestLoad);

        Vocabulary v = model.vocabulary();
        int eos = v.id(Vocabulary.EOS);
        List<int[]> sentences = new ArrayList<>();
        long tokens = 0;
        try (TextInput in = TextInput.open(text)) {
            String line;
            while ((line = in.readLine()) != null) {
                IntArrayList ids = new IntArrayList();
                for (String w : line.trim().split("\\s+")) {
                    if (!w.isEmpty()) {
                        ids.add(v.id(w));
                    }
                }
                ids.add(eos);
                tokens += ids.size();
                sentences.add(ids.toIntArray());
            }
        }
        NgramScorer scorer = model.scorer();
        NgramState start = model.start();
        // warm-up pass, then timed passes
        double sink = pass(scorer, start, sentences, null);
        long[] probes = new long[1];
        long words = 0;
        long t = System.nanoTime();
        double elapsed;
        do {
            sink += pass(scorer, start, sentences, probes);
            words += tokens;
            elapsed = (System.nanoTime() - t) / 1e9;
        } while (elapsed < seconds);
        System.out.printf(Locale.ROOT, "text                  %s: %,d tokens incl. </s>, log10 prob %.2f per pass%n",
                text, tokens, pass(scorer, start, sentences, null));
        System.out.printf(Locale.ROOT, "words scored          %,.0f /s (single thread, %.1f s)%n", words / elapsed, elapsed);
        System.out.printf(Locale.ROOT, "n-gram lookups        %,.0f /s (hash probes of orders >= 2, %.2f per word)%n",
                probes[0] / elapsed, probes[0] / (double) words);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double pass(NgramScorer scorer, NgramState start, List<int[]> sentences, long[] probes) {
        double total = 0;
        long p = 0;
        for (int[] s : sentences) {
            scorer.reset(start);
            int context = start.length();
            for (int w : s) {
                total += scorer.advance(w);
                int matched = scorer.lastMatchLength();
                p += (matched - 1) + (matched - 1 < context ? 1 : 0);
                context = scorer.contextLength();
            }
        }
        if (probes != null) {
            probes[0] += p;
        }
        return total;
    }
}
