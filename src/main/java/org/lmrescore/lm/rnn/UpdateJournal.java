package org.lmrescore.lm.rnn;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * The output rows that dynamic evaluation changed while its predictions waited to be scored in
 * one batch, with every version each row had (weights and bias). The batch's product uses the
 * rows as they are at the end; for each changed row the journal then gives, for each waiting
 * prediction, the version that row had when the prediction was read, so every prediction gets
 * exactly the score it would have got at once, at the cost of a few hundred rows instead of a
 * pass over all of them per word.
 *
 * <p>Steps are numbered from 0 since the last {@link #clear}: prediction t is read, then trained
 * on (step t). Its score uses each row as it was after the last step before t.
 */
final class UpdateJournal {
    private final int n;
    /** Per version: its row, the step after which it holds (-1: the row before the batch), its previous version. */
    private int[] rowOf = new int[256];
    private int[] stepOf = new int[256];
    private int[] previous = new int[256];
    private float[] weights;
    private float[] biases = new float[256];
    private int versions;
    /** The latest version of each changed row. */
    private final Int2IntOpenHashMap latest = new Int2IntOpenHashMap();
    private int step;

    UpdateJournal(int n) {
        this.n = n;
        this.weights = new float[256 * n];
        latest.defaultReturnValue(-1);
    }

    /** Before step {@link #step()} changes row u (m[u n ..) and bias b): keeps the row as it was before the batch. */
    void beforeChange(int u, float[] m, float bias) {
        if (latest.get(u) < 0) {
            add(u, -1, m, bias);
        }
    }

    /** After the step changed row u: keeps its new version (once per step, whatever the step did to it). */
    void afterChange(int u, float[] m, float bias) {
        int v = latest.get(u);
        if (v >= 0 && stepOf[v] == step) {
            System.arraycopy(m, u * n, weights, v * n, n);
            biases[v] = bias;
        } else {
            add(u, step, m, bias);
        }
    }

    private void add(int u, int atStep, float[] m, float bias) {
        if (versions == rowOf.length) {
            int size = 2 * versions;
            rowOf = Arrays.copyOf(rowOf, size);
            stepOf = Arrays.copyOf(stepOf, size);
            previous = Arrays.copyOf(previous, size);
            biases = Arrays.copyOf(biases, size);
            weights = Arrays.copyOf(weights, size * n);
        }
        rowOf[versions] = u;
        stepOf[versions] = atStep;
        previous[versions] = latest.get(u);
        biases[versions] = bias;
        System.arraycopy(m, u * n, weights, versions * n, n);
        latest.put(u, versions++);
    }

    /** The step being trained; the next one begins with {@link #endStep}. */
    int step() {
        return step;
    }

    void endStep() {
        step++;
    }

    /** Receives a prediction's score of one row: z = row . h + bias with the version it was read with. */
    interface Correction {
        void set(int prediction, int row, float z);
    }

    /**
     * For every changed row and every prediction t &lt; count read before its last change: the
     * row's score at hs[t] with the version t saw, computed as the panels do ({@link Blas#chainDot}).
     */
    void corrections(float[][] hs, int count, Correction out) {
        for (Int2IntMap.Entry e : latest.int2IntEntrySet()) {
            int row = e.getIntKey();
            int v = e.getIntValue();
            int until = Math.min(count, stepOf[v] + 1);  // predictions t <= the last change's step saw older versions
            for (int older = previous[v]; older >= 0 && until > 0; older = previous[older]) {
                int from = Math.max(0, stepOf[older] + 1);
                for (int t = from; t < until; t++) {
                    out.set(t, row, Blas.chainDot(weights, older * n, hs[t], n) + biases[older]);
                }
                until = from;
            }
        }
    }

    /** Forgets every version: the waiting predictions were scored. */
    void clear() {
        latest.clear();
        versions = 0;
        step = 0;
    }
}
