package org.lmrescore.lm.rnn;

/**
 * Maximum-entropy direct connections (the "ME" of RNNME, rnnlm's -direct / -direct-order):
 * n-gram features of the last words, for n = 0 .. order-1, connected straight to the class and
 * word outputs. The weights live in one hash table, hashed exactly as the rnnlm toolkit does so
 * that its RNNME models import and export unchanged: the feature "these n previous words" has a
 * base index in the first half of the table for the class outputs, and "these n previous words,
 * this class" one in the second half for the words of that class; output t of the group uses
 * {@code base + t} (modulo the table size). Collisions are shared weights.
 *
 * <p>{@code history[0]} is the most recent input unit; a negative entry (unknown word) ends the
 * usable history, so no feature spans an OOV.
 */
public final class DirectConnections {
    /** The largest table a Java array can hold. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 16;
    /** The toolkit's hashing primes. */
    private static final long[] PRIMES = {108641969L, 116049371L, 125925907L, 133333309L, 145678979L, 175308587L,
        197530793L, 234567803L, 251851741L, 264197411L, 330864029L, 399999781L, 407407183L, 459258997L, 479012069L,
        545678687L, 560493491L, 607407037L, 629629243L, 656789717L, 716048933L, 718518067L, 725925469L, 733332871L,
        753085943L, 755555077L, 782715551L, 790122953L, 812345159L, 814814293L, 893826581L, 923456189L, 940740127L,
        953085797L, 985184539L, 990122807L};
    /** PRIMES[0] * PRIMES[1] in 32-bit unsigned arithmetic, as the toolkit computes it. */
    private static final long SEED = (PRIMES[0] * PRIMES[1]) & 0xFFFFFFFFL;

    final float[] weights;
    private final int order;

    DirectConnections(long size, int order) {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("direct connection table size must be 2.." + MAX_SIZE);
        }
        this.weights = new float[(int) size];
        this.order = order;
    }

    public int order() {
        return order;
    }

    public int size() {
        return weights.length;
    }

    /**
     * Fills {@code bases} with the base index of each usable order and returns how many: group 0
     * is the class outputs, group c + 1 the words of class c.
     */
    int bases(int[] history, int group, int[] bases) {
        long half = weights.length / 2;
        int count = 0;
        for (int n = 0; n < order; n++) {
            if (n > 0 && history[n - 1] < 0) {
                break;
            }
            long h = group == 0 ? SEED : SEED * group;
            for (int b = 1; b <= n; b++) {
                int prime = (int) ((((n * PRIMES[b]) & 0xFFFFFFFFL) + b & 0xFFFFFFFFL) % PRIMES.length);
                h += PRIMES[prime] * (history[b - 1] + 1L);
            }
            long base = Long.remainderUnsigned(h, half);
            if (group == 0) {
                if (base == 0) {
                    break; // the toolkit treats index 0 as "no feature" for classes
                }
            } else {
                base += half;
            }
            bases[count++] = (int) base;
        }
        return count;
    }

    /** act[t] += sum over features of w[base + first + t], t < n. */
    void addScores(int[] bases, int count, int first, float[] act, int n) {
        int size = weights.length;
        for (int f = 0; f < count; f++) {
            int idx = (int) ((bases[f] + (long) first) % size);
            for (int t = 0; t < n; t++) {
                act[t] += weights[idx];
                if (++idx == size) {
                    idx = 0;
                }
            }
        }
    }

    /** w[base + first + t] = w * keep + alpha * err[t]. */
    void update(int[] bases, int count, int first, float[] err, int n, float alpha, float keep) {
        int size = weights.length;
        for (int f = 0; f < count; f++) {
            int idx = (int) ((bases[f] + (long) first) % size);
            for (int t = 0; t < n; t++) {
                weights[idx] = weights[idx] * keep + alpha * err[t];
                if (++idx == size) {
                    idx = 0;
                }
            }
        }
    }

    /** The sum over features of w[base + offset]: one output's share (hierarchical softmax node, NCE unit). */
    float score(int[] bases, int count, int offset) {
        float sum = 0;
        for (int f = 0; f < count; f++) {
            sum += weights[(int) ((bases[f] + (long) offset) % weights.length)];
        }
        return sum;
    }

    /** w[base + offset] = w * keep + step, for every feature. */
    void update(int[] bases, int count, int offset, float step, float keep) {
        for (int f = 0; f < count; f++) {
            int idx = (int) ((bases[f] + (long) offset) % weights.length);
            weights[idx] = weights[idx] * keep + step;
        }
    }
}
