package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.mix.MixComponent;
import org.lmrescore.lm.mix.MixFile;
import org.lmrescore.lm.mix.Mixes;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * The language model a command scores with; shared by every command that scores text, lattices
 * or N-best lists ({@code @Mixin ModelOptions model;}): a backoff n-gram model ({@code --kn}), RNN
 * models ({@code --rnn}, {@code --lambda}), their linear interpolation, or a mix file ({@code --mix})
 * naming the models and their weights; {@code --log-linear} combines them log-linearly instead.
 */
public final class ModelOptions {
    @Option(names = "--kn", paramLabel = "MODEL",
            description = "Backoff n-gram model: ARPA (plain or .gz), a binary from build-binary, or a Sphinx trie LM "
                    + "(told apart by content); 'classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin' is Sphinx4's own trigram.")
    String kn;

    @Mixin
    RnnModelOptions rnn;

    @Option(names = "--mix", paramLabel = "FILE",
            description = "Mix file (from 'mix'): one 'weight<TAB>rnn|kn<TAB>path' line per model; replaces --rnn/--kn/--lambda.")
    Path mix;

    @Option(names = "--log-linear",
            description = "Combine the models log-linearly (product of P_i^weight, normalised over the vocabulary in every "
                    + "context) instead of linearly; costs a whole distribution per model and context, |V| times more.")
    boolean logLinear;

    /** The model files the options name (the mix file and its models; classpath models left out), for {@link org.lmrescore.util.OutputGuard}. */
    public List<Path> inputFiles() {
        List<Path> files = new ArrayList<>();
        if (mix != null) {
            files.add(mix);
        }
        if (present()) {
            for (MixComponent c : components()) {
                if (!c.path().toString().startsWith("classpath:")) {
                    files.add(c.path());
                }
            }
        }
        return files;
    }

    /** True when the user named any model. */
    public boolean present() {
        return kn != null || rnn.present() || mix != null;
    }

    /** The RNN options alone (commands that need one RNN model, e.g. dynamic evaluation). */
    public RnnModelOptions rnn() {
        return rnn;
    }

    /** True when a backoff model was named. */
    public boolean hasBackoff() {
        return kn != null;
    }

    /** True when a mix file was named. */
    public boolean hasMixFile() {
        return mix != null;
    }

    /**
     * The models and weights the options name: the mix file's lines, or the RNNs then the backoff
     * model with the {@code --lambda} weights (default: RNNs share 0.75 equally, backoff 0.25).
     */
    public List<MixComponent> components() {
        if (mix != null) {
            if (kn != null || rnn.present() || !rnn.lambda.isEmpty()) {
                throw new InputFormatException("--mix names the models and weights itself: drop --rnn, --kn and --lambda");
            }
            return MixFile.read(mix);
        }
        if (kn == null && !rnn.present()) {
            throw new InputFormatException("no model given: use --kn MODEL and/or --rnn MODEL[,MODEL...], or --mix FILE");
        }
        List<MixComponent> out = new ArrayList<>();
        if (!rnn.present()) {
            out.add(new MixComponent(1, MixComponent.Kind.KN, Path.of(kn)));
            return out;
        }
        double[] w = rnn.weights(rnn.paths().size(), kn != null);
        for (int i = 0; i < rnn.paths().size(); i++) {
            out.add(new MixComponent(w[i], MixComponent.Kind.RNN, rnn.paths().get(i)));
        }
        if (kn != null) {
            out.add(new MixComponent(w[w.length - 1], MixComponent.Kind.KN, Path.of(kn)));
        }
        return out;
    }

    /** Loads the model to score with; an error names the option that is missing or the file that is bad. */
    public LanguageModel languageModel() {
        return Mixes.build(components(), logLinear);
    }
}
