package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.mix.MixWeights;
import org.lmrescore.lm.rnn.RnnLanguageModel;
import org.lmrescore.lm.rnn.RnnModels;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RNN half of a command's model options: {@code --rnn a.bin,b.bin} and {@code --lambda}.
 * Combined with an optional backoff model by {@link ModelOptions#components()}, with the weights
 * of {@link MixWeights} (by default the RNNs share 0.75 equally and the backoff model gets 0.25).
 */
public final class RnnModelOptions {
    @Option(names = "--rnn", split = ",", paramLabel = "MODEL",
            description = "RNN model(s), comma-separated: our .bin files or rnnlm toolkit models (text or -binary).")
    List<Path> rnn = new ArrayList<>();

    @Option(names = "--lambda", split = ",", paramLabel = "L",
            description = "RNN weight: one value shared equally by the RNNs, or one per RNN; the backoff model gets "
                    + "the rest (default: RNNs 0.75, backoff 0.25; RNNs alone: equal weights).")
    List<Double> lambda = new ArrayList<>();

    public boolean present() {
        return !rnn.isEmpty();
    }

    public List<Path> paths() {
        return rnn;
    }

    /** The RNN models, loaded. */
    public List<LanguageModel> load() {
        List<LanguageModel> models = new ArrayList<>();
        for (Path p : rnn) {
            models.add(new RnnLanguageModel(RnnModels.load(p)));
        }
        return models;
    }

    /** One weight per RNN, then the backoff model's when there is one ({@link MixWeights}). */
    double[] weights(int rnns, boolean withBackoff) {
        try {
            return MixWeights.of(lambda, rnns, withBackoff);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
    }

    /** The RNNs' total weight ({@link MixWeights#rnnShare}). */
    double rnnShare(int rnns, boolean withBackoff) {
        try {
            return MixWeights.rnnShare(lambda, rnns, withBackoff);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
    }
}
