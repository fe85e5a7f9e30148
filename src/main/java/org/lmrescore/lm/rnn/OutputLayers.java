package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/** The output layer kinds by name: how each is made for a vocabulary, and how many weights it has. */
public final class OutputLayers {
    /** rnnlm's class-factorised softmax. */
    public static final String CLASS = "class";
    /** Hierarchical softmax over a Huffman tree of unit frequencies. */
    public static final String HS = "hs";
    /** Noise-contrastive estimation: trained unnormalised, scored by an exact softmax. */
    public static final String NCE = "nce";
    public static final List<String> TYPES = List.of(CLASS, HS, NCE);

    private OutputLayers() {
    }

    /** A freshly initialised output layer (rnnlm's random initialisation for the weights). */
    static OutputLayer create(RnnConfig config, RnnVocabulary vocabulary, Random random) {
        OutputLayer out = empty(config, vocabulary);
        for (WeightBlock b : out.weights()) {
            Initialiser.fill(b.values(), random);
        }
        if (out instanceof NceOutput nce) {
            nce.initialiseBiases();
        }
        return out;
    }

    /** An all-zero output layer of the right shape, to be filled from a file. */
    static OutputLayer empty(RnnConfig config, RnnVocabulary vocabulary) {
        int h = config.hidden();
        return switch (config.output()) {
            case CLASS -> new ClassOutput(h, vocabulary.classes());
            case HS -> new HsOutput(h, HuffmanTree.of(unitCounts(vocabulary)));
            case NCE -> new NceOutput(h, unitCounts(vocabulary), config.nceSamples(), config.seed());
            default -> throw new IllegalArgumentException("unknown output layer " + config.output());
        };
    }

    /** Floats the output layer of this shape holds (checked against a file's length before allocating). */
    static long parameterCount(RnnConfig config, RnnVocabulary vocabulary) {
        long units = vocabulary.units();
        long h = config.hidden();
        return switch (config.output()) {
            case CLASS -> (units + vocabulary.classes().count()) * h;
            case HS -> Math.max(0, units - 1) * h;
            case NCE -> units * h + units;
            default -> throw new IllegalArgumentException("unknown output layer " + config.output());
        };
    }

    private static long[] unitCounts(RnnVocabulary vocabulary) {
        long[] counts = new long[vocabulary.units()];
        for (int u = 0; u < counts.length; u++) {
            counts[u] = vocabulary.unitCount(u);
        }
        return counts;
    }
}
