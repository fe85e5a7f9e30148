package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/**
 * Hierarchical softmax over a {@link HuffmanTree} (Morin &amp; Bengio 2005; word2vec's and
 * faster-rnnlm's output layer): P(u|h) is the product, along u's path from the root, of the
 * binary decisions sigma(+-(v_n . h + direct)). The leaves' probabilities sum to one exactly, and
 * a word costs its code length (about 10 for 40k words) in dot products.
 *
 * <p>Direct connections give every internal node n its own feature weight, at offset n from the
 * history's base in the words' half of the table.
 */
final class HsOutput implements OutputLayer {
    private final int hidden;
    private final HuffmanTree tree;
    /** One row of {@code hidden} floats per internal node. */
    final float[] nodeWeights;

    HsOutput(int hidden, HuffmanTree tree) {
        this.hidden = hidden;
        this.tree = tree;
        this.nodeWeights = new float[tree.innerNodes() * hidden];
    }

    @Override
    public String type() {
        return OutputLayers.HS;
    }

    @Override
    public List<WeightBlock> weights() {
        return List.of(new WeightBlock("output-node", nodeWeights));
    }

    HuffmanTree tree() {
        return tree;
    }

    @Override
    public Scratch newScratch(int directOrder, boolean defer, long stream) {
        return new HsScratch(directOrder, tree.innerNodes(), tree.maxDepth());
    }

    /** v_n . h plus the node's direct feature weights. */
    private float logit(float[] h, int node, DirectConnections direct, HsScratch s) {
        float z = Blas.dot(nodeWeights, node * hidden, h, hidden);
        if (direct != null) {
            z += direct.score(s.bases, s.features, node);
        }
        return z;
    }

    private static void features(DirectConnections direct, int[] history, HsScratch s) {
        s.features = direct == null ? 0 : direct.bases(history, 1, s.bases);
    }

    @Override
    public double logProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch scratch) {
        HsScratch s = (HsScratch) scratch;
        features(direct, history, s);
        double lp = 0;
        for (int i = tree.pathStart(unit), end = tree.pathEnd(unit); i < end; i++) {
            float z = logit(h, tree.node(i), direct, s);
            lp += logSigmoid(tree.code(i) == 1 ? z : -z);
        }
        return lp;
    }

    @Override
    public double train(float[] h, int unit, float[] dh, DirectConnections direct, int[] history, Scratch scratch,
                        float alpha, float keep) {
        HsScratch s = (HsScratch) scratch;
        features(direct, history, s);
        double lp = 0;
        int n = hidden;
        int from = tree.pathStart(unit);
        int to = tree.pathEnd(unit);
        float[] g = s.gradients;
        // All decisions are scored before any weight moves, so the step is the gradient at one point.
        // One exp per decision: P is gathered as a product (logged when it gets small) and
        // d ln P / dz = code - sigma(z).
        double product = 1;
        for (int i = from; i < to; i++) {
            int code = tree.code(i);
            float z = Math.max(-50f, Math.min(50f, logit(h, tree.node(i), direct, s)));
            double e = Math.exp(-z);
            double p1 = 1 / (1 + e);
            product *= code == 1 ? p1 : e * p1;  // 1 - sigma(z) without cancellation
            if (product < 1e-250) {
                lp += Math.log(product);
                product = 1;
            }
            g[i - from] = (float) (code - p1);
        }
        lp += Math.log(product);
        for (int i = from; i < to; i++) {
            int node = tree.node(i);
            float gi = g[i - from];
            Blas.backpropAndUpdate(gi, alpha * gi, keep, nodeWeights, node * n, h, dh, n);
            if (direct != null && alpha != 0) {
                direct.update(s.bases, s.features, node, alpha * gi, keep);
            }
        }
        return lp;
    }

    @Override
    public boolean exactTrainingScore() {
        return true;
    }

    @Override
    public void unitLogProbs(float[] h, DirectConnections direct, int[] history, Scratch scratch, double[] out) {
        HsScratch s = (HsScratch) scratch;
        features(direct, history, s);
        float[] z = s.logits;
        for (int node = 0; node < tree.innerNodes(); node++) {
            z[node] = logit(h, node, direct, s);
        }
        for (int u = 0; u < tree.units(); u++) {
            double lp = 0;
            for (int i = tree.pathStart(u), end = tree.pathEnd(u); i < end; i++) {
                float v = z[tree.node(i)];
                lp += logSigmoid(tree.code(i) == 1 ? v : -v);
            }
            out[u] = lp;
        }
    }

    @Override
    public int sample(float[] h, DirectConnections direct, int[] history, Scratch scratch, Random random) {
        HsScratch s = (HsScratch) scratch;
        if (tree.innerNodes() == 0) {
            return 0;
        }
        features(direct, history, s);
        int node = tree.root();
        while (true) {
            float p1 = Blas.sigmoid(logit(h, node, direct, s));
            int next = tree.child(node, random.nextDouble() < p1 ? 1 : 0);
            if (next < 0) {
                return -next - 1;
            }
            node = next;
        }
    }

    /** ln sigma(x), without overflow for large |x|. */
    static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    private static final class HsScratch extends Scratch {
        final float[] logits;
        final float[] gradients;
        int features;

        HsScratch(int directOrder, int innerNodes, int maxDepth) {
            super(directOrder);
            this.logits = new float[innerNodes];
            this.gradients = new float[maxDepth];
        }
    }
}
