package org.lmrescore.lm.rnn;

/**
 * Maximum-entropy direct connections (the "ME" of RNNME, rnnlm's -direct / -direct-order):
 * n-gram features of the last words, for n = 0 .. order-1, connected straight to the class and
 * word outputs. The weights live in one hash table: the feature "these n previous words, this
 * group of outputs" hashes to a base index, and output t of the group uses {@code base + t}
 * (modulo the table size). Collisions are shared weights, as in rnnlm.
 *
 * <p>{@code history[0]} is the most recent input unit; a negative entry (unknown word) ends the
 * usable history, so no feature spans an OOV.
 */
public final class DirectConnections {
    /** The largest table a Java array can hold. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 16;

    final float[] weights;
    private final int order;

    DirectConnections(long size, int order) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("direct connection table size must be 1.." + MAX_SIZE);
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

    /** Fills {@code bases} with the base index of each usable order; returns how many. */
    int bases(int[] history, int group, int[] bases) {
        int count = 0;
        for (int n = 0; n < order; n++) {
            if (n > 0 && history[n - 1] < 0) {
                break;
            }
            long h = (n + 1) * 0x9E3779B97F4A7C15L ^ (group + 1) * 0xC2B2AE3D27D4EB4FL;
            for (int k = 0; k < n; k++) {
                h = mix(h ^ (history[k] + 1L) * 0x165667B19E3779F9L);
            }
            bases[count++] = (int) Math.floorMod(mix(h), (long) weights.length);
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

    /** A 64-bit finaliser (splitmix64) so nearby keys spread over the table. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
