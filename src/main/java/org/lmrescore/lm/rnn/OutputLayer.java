package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/**
 * The output layer of an RNN LM: from the hidden vector h (and the direct connections'
 * n-gram features) to a probability distribution over the units. Each kind is one
 * implementation, chosen at training time and recorded in the model file
 * ({@link OutputLayers}); the hidden layers, BPTT, the trainer, checkpoints, dynamic evaluation
 * and rescoring only use this interface.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #logProb} is the exact, normalised ln P(unit | h): the distribution over all units
 *       sums to one whatever the weights. Perplexity and rescoring use only this.</li>
 *   <li>{@link #train} scores the target, adds dE/dh (E = the layer's training loss) to the
 *       hidden error vector using the weights before the update, then updates the weights with
 *       learning rate alpha and L2 factor keep. Its returned score is ln P before the update when
 *       {@link #exactTrainingScore()} holds, else a cheap estimate (NCE: the unnormalised score)
 *       that only training statistics may use.</li>
 *   <li>Weights are updated in place, lock-free across threads (Hogwild); an implementation may
 *       buffer updates to rows every word touches in its {@link Scratch} and apply them at
 *       {@link #flush}, which the trainer calls at the end of every BPTT block.</li>
 *   <li>Scoring methods read the weights only, and are thread-safe with one scratch per thread.</li>
 * </ul>
 */
public interface OutputLayer {

    /** The kind written in model files ({@link OutputLayers#TYPES}). */
    String type();

    /** The trained weights, by name, in a fixed order (model files, checkpoints, gradient checks). */
    List<WeightBlock> weights();

    /**
     * Per-thread buffers; {@code defer}: the layer may buffer updates of rows every word touches
     * until {@link #flush} (several threads train one model and its hidden layer
     * {@linkplain HiddenLayer#toleratesDeferredUpdates tolerates it}). {@code stream} seeds whatever the layer draws at random (NCE's noise), so that a pass, and a
     * training run resumed from a checkpoint, is reproducible.
     */
    Scratch newScratch(int directOrder, boolean defer, long stream);

    /**
     * Per-thread buffers for dynamic evaluation, where the weights change a few rows at a time
     * between predictions. With {@code deferredScores} (only where {@link #defersDynamicScores}),
     * predictions may be scored in batches by {@link #logProbs} after the updates of later words,
     * each still with the weights as they were when it was read. An output whose exact score is
     * cheap needs nothing more than its ordinary scratch.
     */
    default Scratch newDynamicScratch(int directOrder, long stream, boolean deferredScores) {
        return newScratch(directOrder, false, stream);
    }

    /** Whether {@link #newDynamicScratch} can defer scores with these direct connections. */
    default boolean defersDynamicScores(DirectConnections direct) {
        return false;
    }

    /** ln P(unit | h, history), exact and normalised. */
    double logProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch s);

    /**
     * Scores the target and trains on it (see the class comment).
     *
     * @return ln P(unit | h, history) before the update, or its estimate (see {@link #exactTrainingScore})
     */
    double train(float[] h, int unit, float[] dh, DirectConnections direct, int[] history, Scratch s,
                 float alpha, float keep);

    /**
     * How many predictions {@link #logProbs} wants at once to pay off (1: batching gains nothing).
     * An output whose exact score reads every weight (NCE) reads them once per batch instead.
     */
    default int batchSize() {
        return 1;
    }

    /** ln P(units[b] | hs[b], histories[b]) for b &lt; count, into out: {@link #logProb} for a batch. */
    default void logProbs(float[][] hs, int[] units, int[][] histories, int count, DirectConnections direct, Scratch s,
                          double[] out) {
        for (int b = 0; b < count; b++) {
            out[b] = logProb(hs[b], units[b], direct, histories[b], s);
        }
    }

    /**
     * Whether the exact ln P(unit | h) splits into a per-unit score and a normaliser over the
     * whole vocabulary that every unit at h shares (NCE):
     * ln P(unit | h) = {@link #unnormalisedLogProb} - {@link #logNormaliser}. A caller that asks
     * several units at one h, or many h, then computes the normaliser once per h, for a batch of
     * them at a time ({@link #logNormalisers}). False for outputs that normalise as they go (class,
     * hs), whose {@link #logProb} is cheap; they need not implement the three methods.
     */
    default boolean sharedNormaliser() {
        return false;
    }

    /** ln of the normaliser at h (see {@link #sharedNormaliser}). */
    default double logNormaliser(float[] h, DirectConnections direct, int[] history, Scratch s) {
        throw new UnsupportedOperationException(type() + " output has no shared normaliser");
    }

    /** {@link #logNormaliser} of hs[b], histories[b] for b &lt; count, into out: one pass over the weights per batch. */
    default void logNormalisers(float[][] hs, int[][] histories, int count, DirectConnections direct, Scratch s,
                                double[] out) {
        for (int b = 0; b < count; b++) {
            out[b] = logNormaliser(hs[b], direct, histories[b], s);
        }
    }

    /** The unit's own score at h, before the shared normaliser is subtracted (see {@link #sharedNormaliser}). */
    default double unnormalisedLogProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch s) {
        throw new UnsupportedOperationException(type() + " output has no shared normaliser");
    }

    /** Whether {@link #train} returns the exact ln P (true), or only an estimate of it. */
    boolean exactTrainingScore();

    /** Applies the updates {@code s} has buffered (end of a BPTT block); nothing for a layer that buffers none. */
    default void flush(Scratch s) {
    }

    /** ln P(u | h, history) for every unit u, into out[0..units). */
    void unitLogProbs(float[] h, DirectConnections direct, int[] history, Scratch s, double[] out);

    /** Draws a unit from P(. | h, history). */
    int sample(float[] h, DirectConnections direct, int[] history, Scratch s, Random random);

    /** One thread's buffers: the direct connections' feature indices, and whatever the layer needs. */
    abstract class Scratch {
        final int[] bases;

        protected Scratch(int directOrder) {
            this.bases = new int[Math.max(1, directOrder)];
        }
    }
}
