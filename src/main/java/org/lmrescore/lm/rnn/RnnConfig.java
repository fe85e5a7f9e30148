package org.lmrescore.lm.rnn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every hyper-parameter of an RNN language model and its training, with the rnnlm toolkit's
 * defaults. Written into model files and checkpoints as {@code key=value} lines, so a file says
 * how it was made and a resumed run can check it continues the same command.
 *
 * @param hiddenType      cell of the hidden layer ({@link HiddenLayers#TYPES})
 * @param hidden          hidden layer size H
 * @param classes         number of word classes C of the factorised softmax
 * @param sqrtClasses     bin classes by sqrt of frequency (rnnlm's default) instead of frequency (-old-classes)
 * @param bptt            steps the error is propagated back through time beyond the block
 * @param bpttBlock       words between two BPTT weight updates of the hidden layer
 * @param directSize      max-ent hash table size (0 = no direct connections)
 * @param directOrder     n-gram order of the direct connections (1..4)
 * @param rare            words seen fewer than this many times share one rare-word unit (0/1 = none)
 * @param alpha           starting learning rate
 * @param beta            L2 regularisation, applied every 10th update as in rnnlm
 * @param minImprovement  relative validation gain below which halving starts (and then training stops)
 * @param gradientClip    element-wise bound on hidden-layer errors
 * @param independent     reset the hidden state at every sentence end
 * @param seed            seed of the weight initialisation
 * @param maxEpochs       hard limit on epochs
 * @param layers          stacked hidden layers of the same cell type and size (1 = RNNLM)
 * @param output          output layer ({@link OutputLayers#TYPES}): class-factorised softmax, hierarchical
 *                        softmax or noise-contrastive estimation
 * @param nceSamples      noise samples per word of NCE training (ignored by the other outputs)
 * @param shuffle         train each epoch on the text's blocks of sentences in a seeded random order
 */
public record RnnConfig(String hiddenType, int hidden, int classes, boolean sqrtClasses, int bptt, int bpttBlock,
                        long directSize, int directOrder, int rare, double alpha, double beta,
                        double minImprovement, double gradientClip, boolean independent, long seed, int maxEpochs,
                        int layers, String output, int nceSamples, boolean shuffle) {

    public static final int MAX_DIRECT_ORDER = 4;
    public static final int MAX_LAYERS = 8;
    public static final int MAX_NCE_SAMPLES = 1000;
    /** NCE noise samples per word unless told otherwise (faster-rnnlm's -nce 20 range). */
    public static final int DEFAULT_NCE_SAMPLES = 20;

    public RnnConfig {
        require(HiddenLayers.TYPES.contains(hiddenType), "hidden type must be one of " + HiddenLayers.TYPES);
        require(hidden >= 1, "hidden size must be >= 1");
        require(classes >= 1, "classes must be >= 1");
        require(bptt >= 1, "bptt must be >= 1");
        require(bpttBlock >= 1, "bptt block must be >= 1");
        require(directSize == 0 || (directSize >= 2 && directSize <= DirectConnections.MAX_SIZE),
                "direct size must be 0 (none) or 2.." + DirectConnections.MAX_SIZE);
        require(directSize == 0 || (directOrder >= 1 && directOrder <= MAX_DIRECT_ORDER),
                "direct order must be 1.." + MAX_DIRECT_ORDER);
        require(rare >= 0, "rare threshold must be >= 0");
        require(alpha > 0, "learning rate must be > 0");
        require(beta >= 0, "beta must be >= 0");
        require(minImprovement >= 1, "min improvement must be >= 1");
        require(gradientClip > 0, "gradient clip must be > 0");
        require(maxEpochs >= 1, "max epochs must be >= 1");
        require(layers >= 1 && layers <= MAX_LAYERS, "layers must be 1.." + MAX_LAYERS);
        require(OutputLayers.TYPES.contains(output), "output must be one of " + OutputLayers.TYPES);
        require(nceSamples >= 1 && nceSamples <= MAX_NCE_SAMPLES, "NCE samples must be 1.." + MAX_NCE_SAMPLES);
    }

    /** A one-layer network (the rnnlm toolkit's shape). */
    public RnnConfig(String hiddenType, int hidden, int classes, boolean sqrtClasses, int bptt, int bpttBlock,
                     long directSize, int directOrder, int rare, double alpha, double beta,
                     double minImprovement, double gradientClip, boolean independent, long seed, int maxEpochs) {
        this(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare, alpha, beta,
                minImprovement, gradientClip, independent, seed, maxEpochs, 1, OutputLayers.CLASS, DEFAULT_NCE_SAMPLES, false);
    }

    public RnnConfig withOutput(String type, int samples) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, type, samples, shuffle);
    }

    public RnnConfig withShuffle(boolean on) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, on);
    }

    public RnnConfig withLayers(int n) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, n, output, nceSamples, shuffle);
    }

    /** The rnnlm toolkit's training defaults with the size of the paper's setups: H=200, C=100, bptt 4, block 10. */
    public static RnnConfig defaults() {
        return new RnnConfig("sigmoid", 200, 100, true, 4, 10, 0, 3, 0, 0.1, 1e-7, 1.003, 15, false, 1, 100);
    }

    public RnnConfig withHidden(int h) {
        return new RnnConfig(hiddenType, h, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withClasses(int c) {
        return new RnnConfig(hiddenType, hidden, c, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withBptt(int b, int block) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, b, block, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withDirect(long size, int order) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, size, order, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withRare(int t) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, t,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withTraining(double alpha, double beta, double minImprovement, double clip, boolean independent,
                                  long seed, int maxEpochs) {
        return new RnnConfig(hiddenType, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, clip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withClassMode(boolean sqrt) {
        return new RnnConfig(hiddenType, hidden, classes, sqrt, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    public RnnConfig withHiddenType(String type) {
        return new RnnConfig(type, hidden, classes, sqrtClasses, bptt, bpttBlock, directSize, directOrder, rare,
                alpha, beta, minImprovement, gradientClip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
    }

    /** The parameters as ordered {@code key -> value} text (model file header). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden-type", hiddenType);
        m.put("hidden", Integer.toString(hidden));
        m.put("classes", Integer.toString(classes));
        m.put("class-binning", sqrtClasses ? "sqrt-frequency" : "frequency");
        m.put("bptt", Integer.toString(bptt));
        m.put("bptt-block", Integer.toString(bpttBlock));
        m.put("direct", Long.toString(directSize));
        m.put("direct-order", Integer.toString(directOrder));
        m.put("rare", Integer.toString(rare));
        m.put("alpha", num(alpha));
        m.put("beta", num(beta));
        m.put("min-improvement", num(minImprovement));
        m.put("gradient-clip", num(gradientClip));
        m.put("independent", Boolean.toString(independent));
        m.put("seed", Long.toString(seed));
        m.put("max-epochs", Integer.toString(maxEpochs));
        if (layers != 1) {
            m.put("layers", Integer.toString(layers));  // absent in one-layer files, as before layers existed
        }
        if (!output.equals(OutputLayers.CLASS)) {
            m.put("output", output);  // absent in class-softmax files, as before other outputs existed
            if (output.equals(OutputLayers.NCE)) {
                m.put("nce-samples", Integer.toString(nceSamples));
            }
        }
        if (shuffle) {
            m.put("shuffle", "true");
        }
        return m;
    }

    /** Parses {@link #toMap()} output; a missing or malformed key throws IllegalArgumentException. */
    public static RnnConfig fromMap(Map<String, String> m) {
        String binning = get(m, "class-binning");
        if (!binning.equals("sqrt-frequency") && !binning.equals("frequency")) {
            throw new IllegalArgumentException("class-binning must be sqrt-frequency or frequency, not " + binning);
        }
        try {
            return new RnnConfig(get(m, "hidden-type"), Integer.parseInt(get(m, "hidden")),
                    Integer.parseInt(get(m, "classes")), binning.equals("sqrt-frequency"),
                    Integer.parseInt(get(m, "bptt")), Integer.parseInt(get(m, "bptt-block")),
                    Long.parseLong(get(m, "direct")), Integer.parseInt(get(m, "direct-order")),
                    Integer.parseInt(get(m, "rare")), Double.parseDouble(get(m, "alpha")),
                    Double.parseDouble(get(m, "beta")), Double.parseDouble(get(m, "min-improvement")),
                    Double.parseDouble(get(m, "gradient-clip")), Boolean.parseBoolean(get(m, "independent")),
                    Long.parseLong(get(m, "seed")), Integer.parseInt(get(m, "max-epochs")),
                    Integer.parseInt(m.getOrDefault("layers", "1")), m.getOrDefault("output", OutputLayers.CLASS),
                    Integer.parseInt(m.getOrDefault("nce-samples", Integer.toString(DEFAULT_NCE_SAMPLES))),
                    Boolean.parseBoolean(m.getOrDefault("shuffle", "false")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in model header: " + e.getMessage());
        }
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("header has no '" + key + "'");
        }
        return v;
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
