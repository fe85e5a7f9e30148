package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Option;


/**
 * The language model a command scores with; shared by every command that scores text, lattices
 * or N-best lists ({@code @Mixin ModelOptions model;}). Today one backoff n-gram model; the RNN
 * options and the mix of them are added here, so every command gets them at once.
 */
public final class ModelOptions {
    @Option(names = "--kn", paramLabel = "MODEL",
            description = "Backoff n-gram model: ARPA (plain or .gz), a binary from build-binary, or a Sphinx trie LM "
                    + "(told apart by content); 'classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin' is Sphinx4's own trigram.")
    String kn;

    /** True when the user named any model. */
    public boolean present() {
        return kn != null;
    }

    /** Loads the model to score with; an error names the option that is missing or the file that is bad. */
    public LanguageModel languageModel() {
        if (kn == null) {
            throw new InputFormatException("no model given: use --kn MODEL");
        }
        return NgramModels.loadAny(kn);
    }
}
