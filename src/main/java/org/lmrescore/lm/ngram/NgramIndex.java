package org.lmrescore.lm.ngram;

/**
 * The search structure of a backoff model, as KenLM's "search": how the n-grams of orders 2 and
 * up are found. A query walks from the predicted word towards older context words, one step per
 * order ({@link #extend}), and stops at the first n-gram the model lacks; every n-gram's suffix is
 * in the model (see {@link Blanks}), so nothing past that miss can match.
 *
 * <p>A node names one n-gram of one order. Order 1's node is the word id; higher orders' nodes
 * are opaque (a hash slot for {@link ProbingIndex}, an entry number for {@link TrieIndex}) and
 * valid only with their order. Implementations are immutable once built and safe for any number
 * of threads.
 */
interface NgramIndex {
    /** What {@link #extend} returns for an n-gram the model lacks. */
    long MISSING = -1;

    /** Highest order. */
    int order();

    /** Number of n-grams of order {@code n} (blank entries included). */
    long count(int n);

    /** log10 probability of unigram {@code word}. */
    float unigramProb(int word);

    /** log10 backoff of unigram {@code word}. */
    float unigramBackoff(int word);

    /**
     * The node of the n-gram {@code olderWord} followed by the (n-1)-gram at {@code node}, of order
     * {@code n >= 2}, or {@link #MISSING}.
     */
    long extend(int n, long node, int olderWord);

    /** log10 probability of the n-gram at {@code node} of order {@code n >= 2}. */
    float prob(int n, long node);

    /** log10 backoff of the n-gram at {@code node} of order {@code 2 <= n}; 0 at the highest order. */
    float backoff(int n, long node);
}
