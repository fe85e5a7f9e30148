package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.lm.rnn.RnnLanguageModel;
import org.lmrescore.lm.rnn.RnnModels;

import java.nio.file.Path;
import java.util.Locale;

/** One model of a mix: its weight, what kind of model it is, and where its file is. */
public record MixComponent(double weight, Kind kind, Path path) {

    /** The kinds of model a mix file names. */
    public enum Kind {
        /** An RNN model: our .bin or an rnnlm toolkit file. */
        RNN,
        /** A backoff n-gram model: ARPA, our binary, or a Sphinx trie. */
        KN;

        /** The name used in mix files ({@code rnn}, {@code kn}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a mix-file label, or null. */
        public static Kind ofLabel(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    public MixComponent {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("mix weight must be a finite number >= 0, got " + weight);
        }
    }

    /** Loads the model (kind decides the loader; each loader tells its formats apart by content). */
    public LanguageModel load() {
        return switch (kind) {
            case RNN -> new RnnLanguageModel(RnnModels.load(path));
            case KN -> NgramModels.loadAny(path.toString());
        };
    }

    public MixComponent withWeight(double w) {
        return new MixComponent(w, kind, path);
    }
}
