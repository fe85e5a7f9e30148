package org.lmrescore.lm.ngram;

/**
 * The 64-bit keys of the probing tables. An n-gram is hashed from its last word backwards:
 * {@code key(w) = start(w)}, {@code key(v w) = extend(key(w), v)}, so a query that walks from the
 * predicted word to older context words gets every order's key with one step each. Keys are
 * stored without the words (as KenLM's probing model does): two n-grams of one order would have
 * to collide on 64 bits to be confused. The functions are part of the binary file format.
 */
public final class NgramHash {
    private NgramHash() {
    }

    public static long start(int word) {
        return nonZero(mix(0x9E3779B97F4A7C15L * (word + 1L)));
    }

    public static long extend(long key, int olderWord) {
        return nonZero(mix(key * 0xC6A4A7935BD1E995L + 0x632BE59BD9B4E019L * (olderWord + 1L)));
    }

    /** Key of {@code words[from .. from+n-1]} (oldest first). */
    public static long of(int[] words, int from, int n) {
        long h = start(words[from + n - 1]);
        for (int i = from + n - 2; i >= from; i--) {
            h = extend(h, words[i]);
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** 0 marks an empty slot in the tables. */
    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
