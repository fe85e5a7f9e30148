package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

/**
 * The probing search: unigrams in arrays by word id, every higher order in a {@link ProbingTable}
 * keyed by {@link NgramHash}, so each step of a query is one hash of the previous key with the
 * older word and one probe.
 */
final class ProbingIndex implements NgramIndex {
    final float[] uniProb;
    final float[] uniBackoff;
    /** tables[n] holds the n-grams of order n (n >= 2); tables[0], tables[1] are null. */
    final ProbingTable[] tables;

    ProbingIndex(float[] uniProb, float[] uniBackoff, ProbingTable[] tables) {
        this.uniProb = uniProb;
        this.uniBackoff = uniBackoff;
        this.tables = tables;
    }

    /** Heap tables holding the n-grams of {@code t} as they are (no blanks; {@link Blanks} adds them). */
    static ProbingIndex of(BackoffTables t) {
        return of(t, t.order());
    }

    /**
     * The tables of orders up to {@code highest} only, the rest null: finding the blanks of a model
     * never looks in its highest order, the largest.
     */
    static ProbingIndex of(BackoffTables t, int highest) {
        int order = t.order();
        int v = t.vocabulary().size();
        float[] uniProb = new float[v];
        float[] uniBackoff = new float[v];
        OrderEntries uni = t.entries(1);
        for (int i = 0; i < v; i++) {
            uniProb[i] = uni.prob(i);
            uniBackoff[i] = uni.backoff(i);
        }
        ProbingTable[] tables = new ProbingTable[order + 1];
        // the orders' tables are independent: built on every core
        java.util.stream.IntStream.rangeClosed(2, highest).parallel().forEach(n -> {
            OrderEntries e = t.entries(n);
            tables[n] = ProbingTable.allocate(e.size(), n < order);
            addNew(tables[n], e, null, t.vocabulary());
        });
        return new ProbingIndex(uniProb, uniBackoff, tables);
    }

    /**
     * Puts {@code rows} into {@code table} (which has room for them), refusing an n-gram listed
     * twice: by its line in {@code lines} when given, in the words of {@code vocabulary}.
     */
    static void addNew(ProbingTable table, OrderEntries rows, int[] lines, Vocabulary vocabulary) {
        int n = rows.order();
        boolean hasBackoff = table.hasBackoff();
        int[] w = rows.wordArray();
        for (int i = 0; i < rows.size(); i++) {
            int before = table.size();
            table.put(NgramHash.of(w, i * n, n), rows.prob(i), hasBackoff ? rows.backoff(i) : 0f);
            if (table.size() == before) {
                throw OrderEntries.listedTwice(vocabulary, w, i * n, n, lines == null ? 0 : lines[i]);
            }
        }
    }

    @Override
    public int order() {
        return tables.length - 1;
    }

    @Override
    public long count(int n) {
        return n == 1 ? uniProb.length : tables[n].size();
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
        int m = 1;
        // each order's key comes from the words, not from the slot found one order below, so
        // the CPU overlaps this query's probes
        long key = NgramHash.start(word);
        for (; m <= length; m++) {
            key = NgramHash.extend(key, context[m - 1]);
            ProbingTable table = tables[m + 1];
            int slot = table.find(key);
            if (slot == ProbingTable.NO_SLOT) {
                break;
            }
            p = table.prob(slot);
            if (backoffs != null) {
                backoffs[m] = table.backoff(slot);
            }
        }
        return NgramIndex.packMatch(m, p);
    }
}
