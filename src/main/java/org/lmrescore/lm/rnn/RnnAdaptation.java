package org.lmrescore.lm.rnn;

import org.lmrescore.util.Progress;

import java.util.List;

/**
 * Dynamic adaptation of an RNN LM to recognised text, the paper's "dynamic" rows: after an
 * utterance is rescored, the network takes SGD steps (truncated BPTT, as in training) on its
 * 1-best words and {@code </s>}, so the following utterances are scored by the adapted weights.
 * Words outside the vocabulary give no input and no update, as in dynamic evaluation of text.
 *
 * <p>Not thread-safe: the caller scores and adapts one utterance at a time, in order.
 */
public final class RnnAdaptation {
    private final RnnLanguageModel lm;
    private final float rate;

    public RnnAdaptation(RnnLanguageModel lm, double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("adaptation rate must be > 0");
        }
        this.lm = lm;
        this.rate = (float) rate;
    }

    /** Trains on one sentence (without {@code <s>}/{@code </s>}) from the model's start state. */
    public void learn(List<String> words) {
        RnnModel model = lm.model();
        RnnVocabulary vocabulary = model.vocabulary();
        int[] units = new int[words.size() + 1];
        for (int i = 0; i < words.size(); i++) {
            units[i] = vocabulary.unitOf(words.get(i));
        }
        units[words.size()] = vocabulary.eosUnit();
        new TextPass(model, units, new Progress("adaptation", 0, "words"))
                .train(0, units.length, model.startState(), rate);
        lm.refreshStart();
    }
}
