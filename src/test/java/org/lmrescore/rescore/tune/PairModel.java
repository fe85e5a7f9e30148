package org.lmrescore.rescore.tune;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small bigram model for tests: P(w | v) from "v w" pairs, {@code floor} for other pairs of
 * known words, -infinity for a word outside its vocabulary (so mixing and OOV charges show).
 */
final class PairModel implements LanguageModel {
    private final Vocabulary vocabulary;
    private final Map<String, Double> table = new HashMap<>();
    private final double floor;

    private record Prev(int word) implements LmState {
    }

    /** {@code words}: the vocabulary besides boundaries; {@code pairs}: "v w", probability, ... */
    PairModel(List<String> words, double floor, Object... pairs) {
        this.floor = floor;
        List<String> all = new ArrayList<>(List.of(Vocabulary.BOS, Vocabulary.EOS));
        all.addAll(words);
        this.vocabulary = Vocabulary.of(all);
        for (int i = 0; i < pairs.length; i += 2) {
            table.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
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
        String key = (prev < 0 ? "?" : vocabulary.word(prev)) + " " + vocabulary.word(word);
        return Math.log(table.getOrDefault(key, floor));
    }

    @Override
    public LmState next(LmState context, int word) {
        return new Prev(word);
    }
}
