package org.lmrescore.lm.ngram;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.MappedRegion;

/**
 * The trie search, KenLM's {@code trie} layout: n-grams stored by their words from the predicted
 * one back to the oldest, so a node's children (its n-grams one word older) are a contiguous run
 * of the next order, sorted by that older word. A step of a query is a binary search of that run.
 *
 * <p>Each order of 2 and up is one bit-packed array in the mapped file: entry {@code i} is
 * {@code word | prob | backoff | next}, where next is the first child's entry number in the next
 * order (the run ends at entry {@code i+1}'s next; a sentinel entry closes the array). Word ids take
 * {@code ceil(log2 V)} bits, next pointers {@code ceil(log2 (count+1))}; a probability takes 31
 * bits (its sign is always set) or its quantiser's bits, a backoff 32 or its quantiser's bits; the
 * highest order has neither backoff nor next. Unigrams are plain arrays by word id.

 */
final class TrieIndex implements NgramIndex {
    /** One order's bit-packed array and its field widths. */
    static final class Level {
        final int wordBits;
        final int probBits;
        final int backoffBits;
        final int nextBits;
        final int entryBits;
        final long count;
        /** Quantiser centres, or null where values are stored as floats. */
        final float[] probBins;
        final float[] backoffBins;
        private final MappedRegion bits;
        private final long base;

        Level(int wordBits, int probBits, int backoffBits, int nextBits, long count, float[] probBins,
                float[] backoffBins, MappedRegion bits, long base) {
            this.wordBits = wordBits;
            this.probBits = probBits;
            this.backoffBits = backoffBits;
            this.nextBits = nextBits;
            this.entryBits = wordBits + probBits + backoffBits + nextBits;
            this.count = count;
            this.probBins = probBins;
            this.backoffBins = backoffBins;
            this.bits = bits;
            this.base = base;
        }

        /** Bytes of the array of {@code entries} entries: whole bytes, then 8 for the last 64-bit read. */
        static long bytes(long entries, int entryBits) {
            return (entries * entryBits + 7) / 8 + 8;
        }

        private long field(long bit, int width) {
            long word = bits.getLong(base + (bit >>> 3));
            return (word >>> (bit & 7)) & ((1L << width) - 1);
        }

        int word(long i) {
            return (int) field(i * entryBits, wordBits);
        }

        float prob(long i) {
            long raw = field(i * entryBits + wordBits, probBits);
            return probBins != null ? probBins[(int) raw] : probBits == 31 ? Float.intBitsToFloat((int) raw | 0x80000000)
                    : Float.intBitsToFloat((int) raw);
        }

        float backoff(long i) {
            if (backoffBits == 0) {
                return 0f;
            }
            long raw = field(i * entryBits + wordBits + probBits, backoffBits);
            return backoffBins != null ? backoffBins[(int) raw] : Float.intBitsToFloat((int) raw);
        }

        long next(long i) {
            return field(i * entryBits + wordBits + probBits + backoffBits, nextBits);
        }
    }

    private final float[] uniProb;
    private final float[] uniBackoff;
    /** uniNext[w]: first bigram whose newest word is w; V + 1 entries. */
    private final int[] uniNext;
    /** levels[n] for n = 2..order. */
    private final Level[] levels;
    /** The file, for errors. */
    private final String source;

    TrieIndex(float[] uniProb, float[] uniBackoff, int[] uniNext, Level[] levels, String source) {
        this.source = source;
        this.uniProb = uniProb;
        this.uniBackoff = uniBackoff;
        this.uniNext = uniNext;
        this.levels = levels;
    }

    @Override
    public int order() {
        return levels.length - 1;
    }

    @Override
    public long count(int n) {
        return n == 1 ? uniProb.length : levels[n].count;
    }

    @Override
    public float unigramProb(int word) {
        return uniProb[word];
    }

    @Override
    public float unigramBackoff(int word) {
        return uniBackoff[word];
    }

    @Override
    public long match(int word, int[] context, int length, float[] backoffs) {
        float p = uniProb[word];
        if (backoffs != null) {
            backoffs[0] = uniBackoff[word];
        }
        long lo = uniNext[word];
        long hi = uniNext[word + 1];
        int m = 1;
        for (; m <= length; m++) {
            Level level = levels[m + 1];
            long entry = find(level, m + 1, lo, hi, context[m - 1]);
            if (entry < 0) {
                break;
            }
            p = level.prob(entry);
            if (backoffs != null) {
                backoffs[m] = level.backoff(entry);
            }
            if (m < length) {
                lo = level.next(entry);
                hi = level.next(entry + 1);
            }
        }
        return NgramIndex.packMatch(m, p);
    }

    /** The entry of {@code olderWord} in the run {@code [lo, hi)} of order {@code n}, or -1. */
    private long find(Level level, int n, long lo, long hi, int olderWord) {
        if (lo > hi || hi > level.count) {
            throw new InputFormatException(source, 0, "binary model is corrupt: the " + (n - 1)
                    + "-gram pointers leave the " + n + "-grams", null);
        }
        // binary search: vocabularies list frequent words first, so a run's common words share
        // the first probes' cache lines (an interpolation search over hashed ids, as KenLM's, measured no faster)
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            int w = level.word(mid);
            if (w < olderWord) {
                lo = mid + 1;
            } else if (w > olderWord) {
                hi = mid;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
