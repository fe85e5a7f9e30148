package org.lmrescore.rescore;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.Arrays;
import java.util.List;

/**
 * A test LM whose probabilities depend on the whole history, like an RNN's: P(w | h) is a
 * deterministic function of every word of h, normalised over the vocabulary. Its state is the
 * full history, so only exact history expansion reproduces its sentence scores.
 */
final class FullHistoryTestModel implements LanguageModel {
    private final Vocabulary vocabulary;

    private record Words(int[] ids) implements LmState {
        @Override
        public boolean equals(Object o) {
            return o instanceof Words w && Arrays.equals(ids, w.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    FullHistoryTestModel(List<String> words) {
        this.vocabulary = Vocabulary.of(words);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public LmState start() {
        return new Words(new int[0]);
    }

    private double weight(int[] history, int word) {
        long h = 17;
        for (int id : history) {
            h = h * 31 + id + 1;
        }
        return 1 + ((h * 7919 + (word + 1) * 104729L) % 97 + 97) % 97;
    }

    @Override
    public double logProb(LmState context, int word) {
        if (word == Vocabulary.NONE) {
            return Double.NEGATIVE_INFINITY;
        }
        int[] h = ((Words) context).ids;
        double sum = 0;
        for (int w = 0; w < vocabulary.size(); w++) {
            sum += weight(h, w);
        }
        return Math.log(weight(h, word) / sum);
    }

    @Override
    public LmState next(LmState context, int word) {
        int[] h = ((Words) context).ids;
        int[] n = Arrays.copyOf(h, h.length + 1);
        n[h.length] = word;
        return new Words(n);
    }
}
