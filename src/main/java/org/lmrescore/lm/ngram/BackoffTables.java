package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

/**
 * A backoff n-gram model as plain tables: the vocabulary (unigram ids) and the entries of every
 * order, log10 values as in ARPA files. What the ARPA reader returns, the trainer produces, the
 * ARPA writer prints and {@link NgramModel} compiles into its query structure.
 */
public final class BackoffTables {
    private final Vocabulary vocabulary;
    private final OrderEntries[] orders;

    /** {@code orders[k-1]} holds the k-grams; {@code orders[0]} lists every vocabulary word in id order. */
    public BackoffTables(Vocabulary vocabulary, OrderEntries[] orders) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("a model needs at least unigrams");
        }
        if (orders[0].size() != vocabulary.size()) {
            throw new IllegalArgumentException("unigrams and vocabulary disagree");
        }
        this.vocabulary = vocabulary;
        this.orders = orders.clone();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Highest n-gram order. */
    public int order() {
        return orders.length;
    }

    /** Entries of order {@code n} (1-based). */
    public OrderEntries entries(int n) {
        return orders[n - 1];
    }

    /** Number of n-grams of order {@code n}. */
    public long count(int n) {
        return orders[n - 1].size();
    }
}
