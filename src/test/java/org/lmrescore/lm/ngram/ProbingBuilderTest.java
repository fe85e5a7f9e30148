package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An ARPA file read straight into probing tables (block by block, blanks reserved as the rows
 * arrive), and into a trie, against the backoff rule applied to the file's entries by hand, and
 * against the tables built from the whole file at once.
 */
class ProbingBuilderTest {
    @TempDir
    Path tmp;

    private static final int WORDS = 60;

    /**
     * A pruned-looking 4-gram file: 50 bigrams but 70,000 trigrams and 4-grams (several blocks),
     * so nearly every trigram and 4-gram lacks its prefix or suffix and the bigram and trigram
     * tables outgrow what the header announced many times over.
     */
    @Test
    void streamedTablesScoreByTheBackoffRuleAndMatchTheWholeFileTables() throws Exception {
        Random rnd = new Random(7);
        List<Map<String, float[]>> orders = new ArrayList<>();
        Map<String, float[]> uni = new LinkedHashMap<>();
        uni.put("<s>", new float[] {-99f, value(rnd, -1f)});
        uni.put("</s>", new float[] {value(rnd, -3f), 0f});
        for (int i = 0; i < WORDS; i++) {
            uni.put("w" + i, new float[] {value(rnd, -3f), value(rnd, -1f)});
        }
        orders.add(uni);
        int[] counts = {0, 50, 70_000, 70_000};
        for (int n = 2; n <= 4; n++) {
            Map<String, float[]> grams = new LinkedHashMap<>();
            while (grams.size() < counts[n - 1]) {
                StringBuilder g = new StringBuilder(rnd.nextInt(4) == 0 ? "<s>" : "w" + rnd.nextInt(WORDS));
                for (int k = 1; k < n; k++) {
                    g.append(' ').append(k == n - 1 && rnd.nextInt(8) == 0 ? "</s>" : "w" + rnd.nextInt(WORDS));
                }
                grams.putIfAbsent(g.toString(), new float[] {value(rnd, -3f), n < 4 ? value(rnd, -1f) : 0f});
            }
            orders.add(grams);
        }
        StringBuilder arpa = new StringBuilder("\\data\\\n");
        for (int n = 1; n <= 4; n++) {
            arpa.append("ngram ").append(n).append('=').append(orders.get(n - 1).size()).append('\n');
        }
        for (int n = 1; n <= 4; n++) {
            arpa.append("\n\\").append(n).append("-grams:\n");
            for (Map.Entry<String, float[]> e : orders.get(n - 1).entrySet()) {
                arpa.append(e.getValue()[0]).append('\t').append(e.getKey());
                if (n < 4) {
                    arpa.append('\t').append(e.getValue()[1]);
                }
                arpa.append('\n');
            }
        }
        arpa.append("\n\\end\\\n");
        Path file = Files.writeString(tmp.resolve("gappy4.arpa"), arpa);

        NgramModel streamed = NgramModels.load(file);
        NgramModel whole = NgramModel.of(ArpaReader.read(file));
        // the trie from the file finds the blanks as the rows arrive, without a table of its highest order
        Path trieFile = tmp.resolve("gappy4.trie");
        BinaryFormat.convert(file, trieFile, BinaryFormat.Layout.TRIE, 0, 0);
        NgramModel trie = NgramModels.load(trieFile);
        for (int n = 1; n <= 4; n++) {
            assertEquals(whole.count(n), streamed.count(n), "n-grams of order " + n + ", blanks included");
            assertEquals(whole.count(n), trie.count(n), "trie n-grams of order " + n + ", blanks included");
        }
        for (int s = 0; s < 2000; s++) {
            String[] sentence = new String[1 + rnd.nextInt(12)];
            int[] ids = new int[sentence.length];
            for (int i = 0; i < sentence.length; i++) {
                sentence[i] = "w" + rnd.nextInt(WORDS);
                ids[i] = streamed.vocabulary().id(sentence[i]);
            }
            double expected = byHand(orders, sentence) * Math.log(10);
            assertEquals(expected, streamed.sentenceLogProb(ids), 1e-4, String.join(" ", sentence));
            assertEquals(whole.sentenceLogProb(ids), streamed.sentenceLogProb(ids), 1e-9, String.join(" ", sentence));
            assertEquals(expected, trie.sentenceLogProb(ids), 1e-4, "trie: " + String.join(" ", sentence));
        }
    }

    /** A value in [min, 0) with two decimals, as a file would print it. */
    private static float value(Random rnd, float min) {
        return Math.round((0.01f + rnd.nextFloat() * -min) * -100f) / 100f;
    }

    /** log10 of {@code <s> sentence </s>} by the backoff rule over the file's entries. */
    private static double byHand(List<Map<String, float[]>> orders, String[] sentence) {
        List<String> words = new ArrayList<>();
        words.add("<s>");
        words.addAll(List.of(sentence));
        words.add("</s>");
        double total = 0;
        for (int i = 1; i < words.size(); i++) {
            List<String> history = words.subList(Math.max(0, i - (orders.size() - 1)), i);
            total += prob(orders, history, words.get(i));
        }
        return total;
    }

    /** p(word | history): the n-gram's own value, or the history's backoff (0 if absent) plus p(word | shorter history). */
    private static double prob(List<Map<String, float[]>> orders, List<String> history, String word) {
        String gram = history.isEmpty() ? word : String.join(" ", history) + " " + word;
        float[] entry = orders.get(history.size()).get(gram);
        if (entry != null) {
            return entry[0];
        }
        float[] context = orders.get(history.size() - 1).get(String.join(" ", history));
        return (context == null ? 0 : context[1]) + prob(orders, history.subList(1, history.size()), word);
    }

    /** A table grown for more entries than it was made for keeps every entry it had. */
    @Test
    void aGrownTableKeepsItsEntries() {
        ProbingTable t = ProbingTable.allocate(10, true);
        Map<Long, Float> put = new HashMap<>();
        for (long k = 1; k <= 1000; k++) {
            t = t.roomFor(1);
            t.put(k * 0x9E3779B97F4A7C15L, -k / 1000f, -0.5f);
            put.put(k * 0x9E3779B97F4A7C15L, -k / 1000f);
        }
        assertEquals(1000, t.size());
        for (Map.Entry<Long, Float> e : put.entrySet()) {
            int slot = t.find(e.getKey());
            assertEquals(e.getValue(), t.prob(slot), 0f);
            assertEquals(-0.5f, t.backoff(slot), 0f);
        }
    }
}
