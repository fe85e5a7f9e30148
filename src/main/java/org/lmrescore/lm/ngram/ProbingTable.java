package org.lmrescore.lm.ngram;

/**
 * The n-grams of one order in a linear-probing hash table, as KenLM's probing model: slot
 * {@code i} is two longs, the n-gram's 64-bit key and its log10 probability and backoff packed as
 * two floats, so a lookup touches one cache line. At most two thirds full.
 */
final class ProbingTable {
    static final long MISSING = Long.MIN_VALUE;

    private final long[] slots;
    private final int mask;
    private int size;

    ProbingTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, (int) Math.min((expected * 3L) / 2 + 1, 1 << 29)));
        if (cap < expected * 1.5) {
            cap <<= 1;
        }
        slots = new long[cap * 2];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Adds or replaces the entry of {@code key}. */
    void put(long key, float log10Prob, float log10Backoff) {
        long value = pack(log10Prob, log10Backoff);
        int i = (int) key & mask;
        while (true) {
            long k = slots[2 * i];
            if (k == 0) {
                slots[2 * i] = key;
                slots[2 * i + 1] = value;
                size++;
                return;
            }
            if (k == key) {
                slots[2 * i + 1] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** The packed value of {@code key}, or {@link #MISSING}. */
    long get(long key) {
        int i = (int) key & mask;
        while (true) {
            long k = slots[2 * i];
            if (k == key) {
                return slots[2 * i + 1];
            }
            if (k == 0) {
                return MISSING;
            }
            i = (i + 1) & mask;
        }
    }

    boolean contains(long key) {
        return get(key) != MISSING;
    }

    static long pack(float log10Prob, float log10Backoff) {
        // + 0f turns -0.0 into +0.0, so no entry packs to MISSING
        return ((long) Float.floatToRawIntBits(log10Prob + 0f) << 32) | (Float.floatToRawIntBits(log10Backoff) & 0xffffffffL);
    }

    static float prob(long packed) {
        return Float.intBitsToFloat((int) (packed >>> 32));
    }

    static float backoff(long packed) {
        return Float.intBitsToFloat((int) packed);
    }

    /** Copies the filled slots' keys and packed values; returns how many. */
    int export(long[] keys, long[] values) {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (slots[2 * i] != 0) {
                keys[n] = slots[2 * i];
                values[n] = slots[2 * i + 1];
                n++;
            }
        }
        return n;
    }
}
