package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

/**
 * Builds the probing index of an ARPA file while it is read: each block of rows goes into its
 * order's table, has its missing parts reserved ({@link Blanks}) and is dropped, so the file's
 * n-grams are never held a second time beside the tables. Loading an ARPA file, or converting
 * one to the probing layout, peaks at about the size of the tables themselves.
 */
final class ProbingBuilder implements ArpaReader.Sink<NgramModel> {
    /** The highest order whose table is built (a trie's blank search never reads its top order's). */
    private final int highest;
    private Vocabulary vocabulary;
    private ProbingIndex index;
    private Blanks blanks;
    private OrderEntries[] filled;

    /** Every order's table. */
    ProbingBuilder() {
        this(Integer.MAX_VALUE);
    }

    /** The tables of orders up to {@code highest} only; the rows of the orders above are checked for blanks, not kept. */
    ProbingBuilder(int highest) {
        this.highest = highest;
    }

    @Override
    public void unigrams(Vocabulary vocabulary, OrderEntries unigrams, long[] counts) {
        this.vocabulary = vocabulary;
        int v = unigrams.size();
        float[] uniProb = new float[v];
        float[] uniBackoff = new float[v];
        for (int i = 0; i < v; i++) {
            uniProb[i] = unigrams.prob(i);
            uniBackoff[i] = unigrams.backoff(i);
        }
        index = new ProbingIndex(uniProb, uniBackoff, new ProbingTable[counts.length + 1]);
        blanks = new Blanks(index);
    }

    @Override
    public void order(int n, int capacity) {
        if (n <= highest) {
            index.tables[n] = ProbingTable.allocate(capacity, n < index.order());
        }
    }

    @Override
    public void rows(OrderEntries rows, int[] lines) {
        int n = rows.order();
        if (n <= highest) {
            ProbingTable table = index.tables[n] = index.tables[n].roomFor(rows.size());
            ProbingIndex.addNew(table, rows, lines, vocabulary);
        }
        if (n >= 3) {
            blanks.check(rows);
        }
    }

    /** The model; with some orders' tables left out, only its blanks ({@link #blanks}) are of use. */
    @Override
    public NgramModel finish() {
        filled = blanks.finish();
        return new NgramModel(vocabulary, index);
    }

    /** The blanks added, by order (null for orders without any), once {@link #finish} has run. */
    OrderEntries[] blanks() {
        return filled;
    }
}
