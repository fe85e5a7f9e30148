package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A softmax over all units trained by noise-contrastive estimation (Gutmann &amp; Hyvärinen 2010;
 * Mnih &amp; Teh 2012; faster-rnnlm's {@code -nce}): each word's unnormalised score
 * s(u) = v_u . h + b_u (+ direct) is trained to tell the target from k samples of the unigram
 * noise q, with P(data | u) = sigma(s(u) - ln(k q(u))). That costs k + 1 dot products per word
 * and drives exp(s) towards self-normalisation, but only towards it: {@link #logProb} and every
 * other scoring method normalise exactly over the whole vocabulary (|V| dot products), so
 * perplexities and rescoring never see an unnormalised score. {@link #train} returns the
 * unnormalised s(target), the training statistic only.
 *
 * <p>Biases start at ln q(u), so the untrained model already is the normalised unigram.
 * Direct connections give unit u the feature weight at offset u in the words' half of the table.
 *
 * <p>Every exact score multiplies h with a packed copy of the word rows ({@link OutputPanels}),
 * made when first needed and again after the weights changed ({@link #version}). Training
 * leaves it stale; dynamic evaluation keeps it in step row by row, and with an
 * {@link UpdateJournal} scores its predictions in batches all the same.
 */
final class NceOutput implements OutputLayer {
    private final int hidden;
    private final int units;
    private final int samples;
    /** One row of {@code hidden} floats per unit, and a bias per unit. */
    final float[] wordWeights;
    final float[] bias;
    /** ln q(u) and ln(k q(u)). */
    private final double[] lnNoise;
    private final float[] lnKNoise;
    private final NoiseSampler noise;
    private final long seed;
    /**
     * Changes when the weights may have changed: at every training step, and whenever someone
     * takes the arrays ({@link #weights}: model files, checkpoints and restores write them).
     */
    private long version;
    private volatile OutputPanels panels;

    NceOutput(int hidden, long[] counts, int samples, long seed) {
        this.hidden = hidden;
        this.units = counts.length;
        this.samples = samples;
        this.seed = seed;
        this.wordWeights = new float[units * hidden];
        this.bias = new float[units];
        double[] q = new double[units];
        double total = 0;
        for (int u = 0; u < units; u++) {
            q[u] = Math.max(1, counts[u]);  // a unit never seen in training still gets some noise
            total += q[u];
        }
        this.lnNoise = new double[units];
        this.lnKNoise = new float[units];
        for (int u = 0; u < units; u++) {
            q[u] /= total;
            lnNoise[u] = Math.log(q[u]);
            lnKNoise[u] = (float) Math.log(samples * q[u]);
        }
        this.noise = new NoiseSampler(q);
    }

    /** Biases at ln q: exp(s) starts as the normalised unigram whatever the random weights. */
    void initialiseBiases() {
        for (int u = 0; u < units; u++) {
            bias[u] = (float) lnNoise[u];
        }
    }

    @Override
    public String type() {
        return OutputLayers.NCE;
    }

    @Override
    public List<WeightBlock> weights() {
        version++;
        return List.of(new WeightBlock("output-word", wordWeights), new WeightBlock("output-bias", bias));
    }

    @Override
    public Scratch newScratch(int directOrder, boolean defer, long stream) {
        return new NceScratch(directOrder, paddedUnits(), samples, random(stream), false, null);
    }

    /** Dynamic evaluation: training steps keep the panels in step; deferred scores need no direct connections. */
    @Override
    public Scratch newDynamicScratch(int directOrder, long stream, boolean deferredScores) {
        return new NceScratch(directOrder, paddedUnits(), samples, random(stream), true,
            deferredScores ? new UpdateJournal(hidden) : null);
    }

    @Override
    public boolean defersDynamicScores(DirectConnections direct) {
        return direct == null;  // direct features change too, and the journal keeps word rows only
    }

    private SplittableRandom random(long stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream);
    }

    private int paddedUnits() {
        return (units + 2 * Blas.PANEL - 1) / (2 * Blas.PANEL) * 2 * Blas.PANEL;
    }

    /** The packed word rows, packed again if the weights changed since. */
    private OutputPanels panels() {
        OutputPanels p = panels;
        if (p == null || p.version != version) {
            synchronized (this) {
                p = panels;
                if (p == null || p.version != version) {
                    p = OutputPanels.pack(wordWeights, units, hidden, version);
                    panels = p;
                }
            }
        }
        return p;
    }

    private float score(float[] h, int unit, DirectConnections direct, NceScratch s) {
        float z = Blas.dot(wordWeights, unit * hidden, h, hidden) + bias[unit];
        if (direct != null) {
            z += direct.score(s.bases, s.features, unit);
        }
        return z;
    }

    private static void features(DirectConnections direct, int[] history, NceScratch s) {
        s.features = direct == null ? 0 : direct.bases(history, 1, s.bases);
    }

    /** Fills s.logits with every unit's score and returns ln of the sum of their exponentials. */
    private double logPartition(float[] h, DirectConnections direct, int[] history, NceScratch s) {
        features(direct, history, s);
        float[] z = s.logits;
        panels().multiply(h, z);
        complete(z, direct, s);
        return Blas.logSumExp(z, units);
    }

    /**
     * Adds biases and direct features (of the history in {@code s}) to the products v_u . h in z,
     * making z every unit's score.
     */
    private void complete(float[] z, DirectConnections direct, NceScratch s) {
        Blas.axpy(1f, bias, 0, z, units);
        if (direct != null) {
            for (int u = 0; u < units; u++) {
                z[u] += direct.score(s.bases, s.features, u);
            }
        }
    }

    @Override
    public double logProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch scratch) {
        NceScratch s = (NceScratch) scratch;
        double lnZ = logPartition(h, direct, history, s);
        return s.logits[unit] - lnZ;
    }

    /** Predictions scored together: the output matrix (|V| x H floats) is read once per batch, not once per word. */
    static final int BATCH = 32;

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public void logProbs(float[][] hs, int[] targets, int[][] histories, int count, DirectConnections direct,
                         Scratch scratch, double[] out) {
        NceScratch s = (NceScratch) scratch;
        float[][] z = batchScores(hs, histories, count, direct, s, out);
        for (int b = 0; b < count; b++) {
            out[b] = z[b][targets[b]] - out[b];
        }
    }

    @Override
    public boolean sharedNormaliser() {
        return true;
    }

    @Override
    public double logNormaliser(float[] h, DirectConnections direct, int[] history, Scratch scratch) {
        return logPartition(h, direct, history, (NceScratch) scratch);
    }

    @Override
    public void logNormalisers(float[][] hs, int[][] histories, int count, DirectConnections direct, Scratch scratch,
                               double[] out) {
        batchScores(hs, histories, count, direct, (NceScratch) scratch, out);
    }

    @Override
    public double unnormalisedLogProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch scratch) {
        NceScratch s = (NceScratch) scratch;
        features(direct, history, s);
        // the panels' chain, so that this minus the normaliser is the batched score bit for bit
        float z = Blas.chainDot(wordWeights, unit * hidden, h, hidden) + bias[unit];
        return direct == null ? z : z + direct.score(s.bases, s.features, unit);
    }

    /**
     * Every unit's score for each state of the batch (returned), and each state's ln normaliser
     * into lnZ. In dynamic evaluation with a journal, the states were read before some rows
     * changed: those rows' scores are taken with the versions each state saw.
     */
    private float[][] batchScores(float[][] hs, int[][] histories, int count, DirectConnections direct, NceScratch s,
                                  double[] lnZ) {
        float[][] z = s.batchLogits(count);
        panels().multiply(hs, count, z);
        if (direct == null) {
            RowBlocks.forEach(count, 1, units, (from, to) -> {
                for (int b = from; b < to; b++) {
                    Blas.axpy(1f, bias, 0, z[b], units);
                }
            });
        } else {
            for (int b = 0; b < count; b++) {
                features(direct, histories[b], s);
                complete(z[b], direct, s);
            }
        }
        if (s.journal != null) {
            if (direct != null) {
                throw new IllegalStateException("deferred dynamic scores with direct connections");
            }
            s.journal.corrections(hs, count, (t, row, score) -> z[t][row] = score);
            s.journal.clear();
        }
        RowBlocks.forEach(count, 1, units, (from, to) -> {
            for (int b = from; b < to; b++) {
                lnZ[b] = Blas.logSumExp(z[b], units);
            }
        });
        return z;
    }

    @Override
    public double train(float[] h, int unit, float[] dh, DirectConnections direct, int[] history, Scratch scratch,
                        float alpha, float keep) {
        NceScratch s = (NceScratch) scratch;
        for (int i = 0; i < samples; i++) {
            s.noise[i] = noise.draw(s.random);
        }
        return train(h, unit, s.noise, dh, direct, history, s, alpha, keep);
    }

    /** {@link #train} with the noise samples given (gradient checks). */
    double train(float[] h, int unit, int[] noiseUnits, float[] dh, DirectConnections direct, int[] history,
                 Scratch scratch, float alpha, float keep) {
        NceScratch s = (NceScratch) scratch;
        features(direct, history, s);
        float target = score(h, unit, direct, s);
        // All k + 1 decisions are scored before any weight moves (a unit drawn twice gets both steps).
        float[] g = s.gradients;
        g[0] = 1 - Blas.sigmoid(target - lnKNoise[unit]);  // d ln P(label | u) / ds = label - sigma
        for (int i = 0; i < noiseUnits.length; i++) {
            int x = noiseUnits[i];
            g[i + 1] = -Blas.sigmoid(score(h, x, direct, s) - lnKNoise[x]);
        }
        UpdateJournal journal = s.journal;
        OutputPanels inStep = s.inStep ? panels : null;  // dynamic evaluation keeps the panels in step
        for (int i = 0; i <= noiseUnits.length; i++) {
            int u = i == 0 ? unit : noiseUnits[i - 1];
            float gi = g[i];
            if (journal != null) {
                journal.beforeChange(u, wordWeights, bias[u]);
            }
            Blas.backpropAndUpdate(gi, alpha * gi, keep, wordWeights, u * hidden, h, dh, hidden);
            bias[u] += alpha * gi;
            if (direct != null && alpha != 0) {
                direct.update(s.bases, s.features, u, alpha * gi, keep);
            }
            if (inStep != null) {
                inStep.refreshRow(wordWeights, u);
            }
            if (journal != null) {
                journal.afterChange(u, wordWeights, bias[u]);
            }
        }
        if (!s.inStep) {
            version++;  // training: the panels are stale
        } else if (journal != null) {
            journal.endStep();
        }
        return target;
    }

    /** The NCE objective of one word with the given noise (what {@link #train} ascends), for gradient checks. */
    double objective(float[] h, int unit, int[] noiseUnits, DirectConnections direct, int[] history, Scratch scratch) {
        NceScratch s = (NceScratch) scratch;
        features(direct, history, s);
        double j = HsOutput.logSigmoid(score(h, unit, direct, s) - lnKNoise[unit]);
        for (int x : noiseUnits) {
            j += HsOutput.logSigmoid(-(score(h, x, direct, s) - lnKNoise[x]));
        }
        return j;
    }

    @Override
    public boolean exactTrainingScore() {
        return false;
    }

    @Override
    public void unitLogProbs(float[] h, DirectConnections direct, int[] history, Scratch scratch, double[] out) {
        NceScratch s = (NceScratch) scratch;
        double lnZ = logPartition(h, direct, history, s);
        for (int u = 0; u < units; u++) {
            out[u] = s.logits[u] - lnZ;
        }
    }

    @Override
    public int sample(float[] h, DirectConnections direct, int[] history, Scratch scratch, Random random) {
        NceScratch s = (NceScratch) scratch;
        double lnZ = logPartition(h, direct, history, s);
        double r = random.nextDouble();
        double sum = 0;
        for (int u = 0; u < units; u++) {
            sum += Math.exp(s.logits[u] - lnZ);
            if (r < sum) {
                return u;
            }
        }
        return units - 1;
    }

    private static final class NceScratch extends Scratch {
        final float[] logits;
        final int[] noise;
        final float[] gradients;
        final SplittableRandom random;
        /** Dynamic evaluation: training steps keep the panels in step with the weights. */
        final boolean inStep;
        /** Deferred dynamic scores: the rows changed since the waiting predictions were read. */
        final UpdateJournal journal;
        int features;

        private float[][] batch;

        float[][] batchLogits(int count) {
            if (batch == null || batch.length < count) {
                batch = new float[Math.max(count, BATCH)][logits.length];
            }
            return batch;
        }

        NceScratch(int directOrder, int paddedUnits, int samples, SplittableRandom random, boolean inStep,
                   UpdateJournal journal) {
            super(directOrder);
            this.logits = new float[paddedUnits];
            this.noise = new int[samples];
            this.gradients = new float[samples + 1];
            this.random = random;
            this.inStep = inStep;
            this.journal = journal;
        }
    }
}
