package org.lmrescore.lm.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A whole RNN language model: vocabulary with classes, hidden layer, output layer,
 * optional direct connections, and the state a text starts from. Weights are shared mutable
 * arrays: trainers update them in place; scoring through {@link RnnLanguageModel} only reads.
 */
public final class RnnModel {
    private final RnnConfig config;
    private final RnnVocabulary vocabulary;
    private final HiddenLayer hidden;
    private final OutputLayer output;
    private final DirectConnections direct;
    /** The state a text or a sentence (independent mode) starts from, before its first {@code </s>} input. */
    private final float[] startState;

    RnnModel(RnnConfig config, RnnVocabulary vocabulary, HiddenLayer hidden, OutputLayer output,
             DirectConnections direct, float[] startState) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.hidden = hidden;
        this.output = output;
        this.direct = direct;
        this.startState = startState;
    }

    /** A freshly initialised model (rnnlm's random initialisation, seeded). */
    public static RnnModel create(RnnConfig config, RnnVocabulary vocabulary) {
        Random random = new Random(config.seed());
        HiddenLayer layer = HiddenLayers.create(config.hiddenType(), vocabulary.units(), config.hidden(), config.layers(), random);
        OutputLayer out = OutputLayers.create(config, vocabulary, random);
        DirectConnections d = config.directSize() > 0 ? new DirectConnections(config.directSize(), config.directOrder()) : null;
        float[] start = new float[layer.stateSize()];
        if (config.independent()) {
            layer.resetState(start);
        } else {
            layer.initialState(start);
        }
        return new RnnModel(config, vocabulary, layer, out, d, start);
    }

    /** An all-zero model of the given shape, to be filled from a file. */
    static RnnModel empty(RnnConfig config, RnnVocabulary vocabulary) {
        HiddenLayer layer = HiddenLayers.empty(config.hiddenType(), vocabulary.units(), config.hidden(), config.layers());
        OutputLayer out = OutputLayers.empty(config, vocabulary);
        DirectConnections d = config.directSize() > 0 ? new DirectConnections(config.directSize(), config.directOrder()) : null;
        return new RnnModel(config, vocabulary, layer, out, d, new float[layer.stateSize()]);
    }

    public RnnConfig config() {
        return config;
    }

    public RnnVocabulary vocabulary() {
        return vocabulary;
    }

    public HiddenLayer hidden() {
        return hidden;
    }

    OutputLayer output() {
        return output;
    }

    /** Null when the model has no direct connections. */
    DirectConnections direct() {
        return direct;
    }

    /** Number of history words the direct connections look at (0 without them). */
    int historyLength() {
        return direct == null ? 0 : direct.order() - 1;
    }

    float[] startState() {
        return startState;
    }

    void setStartState(float[] state) {
        System.arraycopy(state, 0, startState, 0, startState.length);
    }

    /** Every weight array, in file order: hidden layer, output, direct connections, start state. */
    public List<WeightBlock> weights() {
        List<WeightBlock> all = new ArrayList<>(hidden.weights());
        all.addAll(output.weights());
        if (direct != null) {
            all.add(new WeightBlock("direct", direct.weights));
        }
        all.add(new WeightBlock("start-state", startState));
        return all;
    }

    /** A copy of every weight (the trainer's "previous epoch" to restore). */
    float[][] snapshot() {
        List<WeightBlock> w = weights();
        float[][] copy = new float[w.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = w.get(i).values().clone();
        }
        return copy;
    }

    /** Copies a snapshot back into the weights. */
    void restore(float[][] snapshot) {
        List<WeightBlock> w = weights();
        for (int i = 0; i < snapshot.length; i++) {
            System.arraycopy(snapshot[i], 0, w.get(i).values(), 0, snapshot[i].length);
        }
    }

    /** Copies the current weights into {@code snapshot}. */
    void save(float[][] snapshot) {
        List<WeightBlock> w = weights();
        for (int i = 0; i < snapshot.length; i++) {
            System.arraycopy(w.get(i).values(), 0, snapshot[i], 0, snapshot[i].length);
        }
    }

    /** A short description for logs: architecture and sizes. */
    public String describe() {
        String out = switch (output.type()) {
            case OutputLayers.CLASS -> vocabulary.classes().count() + " classes";
            case OutputLayers.NCE -> "NCE output, " + config.nceSamples() + " noise samples";
            default -> "hierarchical softmax";
        };
        return String.format(java.util.Locale.ROOT, "%s%s H=%d, %d units (%d words, %d rare), %s%s",
                hidden.type(), config.layers() > 1 ? " x" + config.layers() : "", hidden.size(), vocabulary.units(), vocabulary.words().size(), vocabulary.rareWords(),
                out,
                direct == null ? "" : ", direct " + direct.size() + " order " + direct.order());
    }

    /** Number of trained parameters. */
    public long parameterCount() {
        return weights().stream().mapToLong(b -> b.values().length).sum() - startState.length;
    }

    /**
     * The direct connections' history at the start of a text or after a reset: all {@code </s>},
     * as in the rnnlm toolkit.
     */
    int[] newHistory() {
        int[] h = new int[Math.max(1, historyLength())];
        Arrays.fill(h, vocabulary.eosUnit());
        return h;
    }

    static int[] emptyHistory(int length) {
        int[] h = new int[Math.max(1, length)];
        Arrays.fill(h, -1);
        return h;
    }
}
