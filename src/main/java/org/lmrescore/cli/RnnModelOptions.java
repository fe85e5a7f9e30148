package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.rnn.RnnLanguageModel;
import org.lmrescore.lm.rnn.RnnModels;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RNN half of a command's model options: {@code --rnn a.bin,b.bin} and {@code --lambda}.
 * Combined with an optional backoff model by {@link ModelOptions#components()}: the default weights
 * follow Mikolov et al. 2010, the RNNs share 0.75 equally and the backoff model gets 0.25.
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

    /** One weight per RNN, then the backoff model's when there is one. */
    double[] weights(int rnns, boolean withBackoff) {
        double[] w = new double[rnns + (withBackoff ? 1 : 0)];
        if (lambda.isEmpty()) {
            double each = (withBackoff ? 0.75 : 1.0) / rnns;
            for (int i = 0; i < rnns; i++) {
                w[i] = each;
            }
        } else if (lambda.size() == 1) {
            for (int i = 0; i < rnns; i++) {
                w[i] = lambda.get(0) / rnns;
            }
        } else if (lambda.size() == rnns) {
            for (int i = 0; i < rnns; i++) {
                w[i] = lambda.get(i);
            }
        } else {
            throw new InputFormatException("--lambda takes one value or one per RNN (" + rnns + "), not " + lambda.size());
        }
        double sum = 0;
        for (int i = 0; i < rnns; i++) {
            if (!(w[i] > 0)) {
                throw new InputFormatException("--lambda values must be > 0");
            }
            sum += w[i];
        }
        if (withBackoff) {
            w[rnns] = 1 - sum;
            if (!(w[rnns] > 0) || sum > 1) {
                throw new InputFormatException("--lambda: the RNN weights sum to " + sum + ", leaving nothing for the backoff model");
            }
        }
        return w;
    }
}
