package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/**
 * The language model a command scores with; shared by every command that scores text, lattices
 * or N-best lists ({@code @Mixin ModelOptions model;}): a backoff n-gram model ({@code --kn}), RNN
 * models ({@code --rnn}, {@code --lambda}), or their linear interpolation.
 */
public final class ModelOptions {
    @Option(names = "--kn", paramLabel = "MODEL",
            description = "Backoff n-gram model: ARPA (plain or .gz), a binary from build-binary, or a Sphinx trie LM "
                    + "(told apart by content); 'classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin' is Sphinx4's own trigram.")
    String kn;

    @Mixin
    RnnModelOptions rnn;

    /** True when the user named any model. */
    public boolean present() {
        return kn != null || rnn.present();
    }

    /** The RNN options alone (commands that need one RNN model, e.g. dynamic evaluation). */
    public RnnModelOptions rnn() {
        return rnn;
    }

    /** True when a backoff model was named. */
    public boolean hasBackoff() {
        return kn != null;
    }

    /** Loads the model to score with; an error names the option that is missing or the file that is bad. */
    public LanguageModel languageModel() {
        if (kn == null && !rnn.present()) {
            throw new InputFormatException("no model given: use --kn MODEL and/or --rnn MODEL[,MODEL...]");
        }
        return rnn.mix(kn == null ? null : NgramModels.loadAny(kn));
    }
}
