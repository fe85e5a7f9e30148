package org.lmrescore.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-checkable bigram LM for tests: P(w | v) from a table of "v w" -> probability, and a
 * fixed {@code floor} probability for any pair not in the table. The state is the previous word.
 * Unknown words get -infinity (no unknown-word class), so tests see the OOV charge.
 */
public final class BigramTestModel implements LanguageModel {
    private final Vocabulary vocabulary;
    private final Map<String, Double> table = new HashMap<>();
    private final double floor;

    private record Prev(int word) implements LmState {
    }

    /** {@code entries}: "prev word", probability, ...; the vocabulary is every word they name. */
    public BigramTestModel(double floor, Object... entries) {
        this(null, floor, entries);
    }

    /**
     * A model over exactly {@code words} (besides the boundaries): table entries naming other
     * words are never used, so two models can differ in vocabulary (mixing, OOV charges).
     */
    public static BigramTestModel withVocabulary(List<String> words, double floor, Object... entries) {
        return new BigramTestModel(words, floor, entries);
    }

    private BigramTestModel(List<String> vocabularyWords, double floor, Object... entries) {
        this.floor = floor;
        List<String> words = new ArrayList<>(List.of(Vocabulary.BOS, Vocabulary.EOS));
        if (vocabularyWords != null) {
            words.addAll(vocabularyWords);
        }
        for (int i = 0; i < entries.length; i += 2) {
            table.put(entries[i].toString(), ((Number) entries[i + 1]).doubleValue());
            if (vocabularyWords == null) {
                for (String w : ((String) entries[i]).split(" ")) {
                    if (!words.contains(w)) {
                        words.add(w);
                    }
                }
            }
        }
        this.vocabulary = Vocabulary.of(words);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public LmState start() {
        return new Prev(vocabulary.id(Vocabulary.BOS));
    }

    @Override
    public double logProb(LmState context, int word) {
        if (word == Vocabulary.NONE) {
            return Double.NEGATIVE_INFINITY;
        }
        int prev = ((Prev) context).word;
        String key = (prev < 0 ? Vocabulary.UNK : vocabulary.word(prev)) + " " + vocabulary.word(word);
        return Math.log(table.getOrDefault(key, floor));
    }

    @Override
    public LmState next(LmState context, int word) {
        return new Prev(word);
    }

    /** ln P of a sentence computed straight from the table, for expectations. */
    public double expected(String... words) {
        double lp = 0;
        String prev = Vocabulary.BOS;
        for (String w : words) {
            lp += Math.log(table.getOrDefault(prev + " " + w, floor));
            prev = w;
        }
        return lp + Math.log(table.getOrDefault(prev + " " + Vocabulary.EOS, floor));
    }
}
