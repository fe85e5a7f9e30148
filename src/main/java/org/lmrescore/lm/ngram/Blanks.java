package org.lmrescore.lm.ngram;

/**
 * The missing prefixes and suffixes of a model's n-grams. A query stops at the first n-gram it
 * does not find ({@link NgramIndex}), which needs every n-gram's suffix in the model, and a state
 * keeps a context only when it is an n-gram, which needs every prefix. Files written by pruning
 * tools may lack some; they are added as "blank" entries whose probability is what backoff would
 * give and whose backoff is 0, which changes no score (KenLM does the same).
 *
 * <p>The n-grams are checked order by order, lowest first, each order once the orders below it
 * are complete, so a reader can check an ARPA file's rows as it reads them and keep none
 * ({@link ProbingBuilder}). A missing part is reserved at once, its own parts checked in turn;
 * the blanks get their values at the end, when every order is in.
 */
final class Blanks {
    /** Rows per task when looking for missing parts. */
    private static final int CHUNK = 1 << 16;

    private final ProbingIndex index;
    /** Element n holds the blank n-grams found so far, null for orders without any. */
    private final OrderEntries[] found;

    Blanks(ProbingIndex index) {
        this.index = index;
        this.found = new OrderEntries[index.order() + 1];
    }

    /**
     * Adds the blanks of {@code t} to {@code index} (heap tables built from {@code t}; the highest
     * order's is not needed) and returns them: element n holds the blank n-grams, null for orders
     * without any.
     */
    static OrderEntries[] fill(BackoffTables t, ProbingIndex index) {
        Blanks blanks = new Blanks(index);
        for (int n = 3; n <= t.order(); n++) {
            blanks.check(t.entries(n));
        }
        return blanks.finish();
    }

    /**
     * Reserves the missing parts of {@code rows}, n-grams of an order n >= 3 whose lower orders
     * are all in the index.
     */
    void check(OrderEntries rows) {
        int n = rows.order();
        int[] w = rows.wordArray();
        ProbingTable lower = index.tables[n - 1];
        // looking for missing parts only reads the table, so it runs on every core; they are
        // added afterwards in row order, as one pass over the rows would add them
        int size = rows.size();
        int[][] missing = new int[(size + CHUNK - 1) / CHUNK][];
        java.util.stream.IntStream.range(0, missing.length).parallel()
                .forEach(c -> missing[c] = missingParts(w, n, c * CHUNK, Math.min(size, (c + 1) * CHUNK), lower));
        for (int[] starts : missing) {
            for (int start : starts) {
                reserve(w, start, n);
            }
        }
    }

    /** Gives the blanks their values (every order is in now) and returns them by order. */
    OrderEntries[] finish() {
        int order = index.order();
        OrderEntries[] blanks = new OrderEntries[order + 1];
        for (int n = 2; n < order; n++) {
            OrderEntries own = found[n];
            if (own == null) {
                continue;
            }
            OrderEntries valued = new OrderEntries(n, own.size());
            int[] w = own.wordArray();
            for (int b = 0; b < own.size(); b++) {
                int from = b * n;
                float bo = n == 2 ? index.uniBackoff[w[from]] : backoff(index.tables[n - 1], NgramHash.of(w, from, n - 1));
                float p = bo + backedOff(index, w, from + 1, n - 1);
                index.tables[n].put(NgramHash.of(w, from, n), p, 0f);
                valued.add(w, from, p, 0f);
            }
            blanks[n] = valued;
        }
        return blanks;
    }

    /**
     * Where the parts (suffix, then prefix) of n-grams {@code from .. to-1} that {@code lower}
     * lacks start in {@code w}, in the order {@link #reserve} takes them.
     */
    private static int[] missingParts(int[] w, int n, int from, int to, ProbingTable lower) {
        it.unimi.dsi.fastutil.ints.IntArrayList starts = new it.unimi.dsi.fastutil.ints.IntArrayList();
        for (int i = from; i < to; i++) {
            for (int start : new int[] {i * n + 1, i * n}) {
                if (!lower.contains(NgramHash.of(w, start, n - 1))) {
                    starts.add(start);
                }
            }
        }
        return starts.toIntArray();
    }

    /**
     * Reserves (value 0, 0) the (n-1)-gram {@code w[start ..]}, a part of an n-gram, unless it is
     * in the model already; then its own suffix and prefix.
     */
    private void reserve(int[] w, int start, int n) {
        int m = n - 1;
        long key = NgramHash.of(w, start, m);
        if (index.tables[m].contains(key)) {
            return;
        }
        ProbingTable lower = index.tables[m] = index.tables[m].roomFor(1);
        lower.put(key, 0f, 0f);
        if (found[m] == null) {
            found[m] = new OrderEntries(m, 16);
        }
        found[m].add(w, start, 0f, 0f);
        if (m >= 3) {
            reserve(w, start + 1, m);
            reserve(w, start, m);
        }
    }

    /** log10 p(w[from+n-1] | w[from..from+n-2]) by the backoff rule over the tables. */
    private static float backedOff(ProbingIndex index, int[] w, int from, int n) {
        if (n == 1) {
            return index.uniProb[w[from]];
        }
        int slot = index.tables[n].find(NgramHash.of(w, from, n));
        if (slot != ProbingTable.NO_SLOT) {
            return index.tables[n].prob(slot);
        }
        float bo = n == 2 ? index.uniBackoff[w[from]] : backoff(index.tables[n - 1], NgramHash.of(w, from, n - 1));
        return bo + backedOff(index, w, from + 1, n - 1);
    }

    /** The backoff of {@code key}, 0 when it is no n-gram. */
    private static float backoff(ProbingTable table, long key) {
        int slot = table.find(key);
        return slot == ProbingTable.NO_SLOT ? 0f : table.backoff(slot);
    }
}
