package org.lmrescore.lm.ngram;

/**
 * The search structure of a backoff model, as KenLM's "search": how the n-grams of orders 2 and
 * up are found. A query ({@link #match}) looks for the predicted word after ever older context
 * words, one order at a time, and stops at the first n-gram the model lacks; every n-gram's suffix
 * is in the model (see {@link Blanks}), so nothing past that miss can match.
 *
 * <p>The whole walk is one call so that each search can order its memory reads its own way: the
 * probing tables hash every order's key from the words alone, so the probes of one query do not
 * wait on each other's loads (the walk is bound by cache misses, not by instructions); the trie
 * must follow its pointers. Implementations are immutable once built and safe for any number of
 * threads.
 */
interface NgramIndex {
    /** Highest order. */
    int order();

    /** Number of n-grams of order {@code n} (blank entries included). */
    long count(int n);

    /** log10 probability of unigram {@code word}. */
    float unigramProb(int word);

    /** log10 backoff of unigram {@code word}. */
    float unigramBackoff(int word);

    /**
     * The longest n-gram the model has of {@code word} after {@code context[0 .. length-1]} (newest
     * word first, {@code length < order}): its order m ({@code 1 <= m <= length + 1}) and log10
     * probability, packed (read them with {@link #matchedOrder} and {@link #matchedProb}). When
     * {@code backoffs} is not null, {@code backoffs[k]} is set to the log10 backoff of the matched
     * (k+1)-gram for every {@code k < m} (0 at the highest order).
     */
    long match(int word, int[] context, int length, float[] backoffs);

    /** What {@link #match} returns: order {@code m} and {@code log10Prob} in one long. */
    static long packMatch(int m, float log10Prob) {
        return (long) m << 32 | (Float.floatToRawIntBits(log10Prob) & 0xFFFFFFFFL);
    }

    static int matchedOrder(long match) {
        return (int) (match >>> 32);
    }

    static float matchedProb(long match) {
        return Float.intBitsToFloat((int) match);
    }
}
