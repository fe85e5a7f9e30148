package org.lmrescore.lm.ngram;

/**
 * The missing prefixes and suffixes of a model's n-grams. A query stops at the first n-gram it
 * does not find ({@link NgramIndex}), which needs every n-gram's suffix in the model, and a state
 * keeps a context only when it is an n-gram, which needs every prefix. Files written by pruning
 * tools may lack some; they are added as "blank" entries whose probability is what backoff would
 * give and whose backoff is 0, which changes no score (KenLM does the same).
 */
final class Blanks {
    private Blanks() {
    }

    /**
     * Adds the blanks of {@code t} to {@code index} (heap tables built from {@code t}) and returns
     * them: element n holds the blank n-grams, null for orders without any.
     */
    static OrderEntries[] fill(BackoffTables t, ProbingIndex index) {
        int order = t.order();
        OrderEntries[] blanks = new OrderEntries[order + 1];
        for (int n = order; n >= 3; n--) {
            OrderEntries e = t.entries(n);
            int[] w = e.wordArray();
            int k = n;
            ProbingTable lower = index.tables[n - 1];
            // looking for missing parts only reads the table, so it runs on every core; they are
            // added afterwards in row order, as one pass over the rows would add them
            int size = e.size();
            int[][] missing = new int[(size + CHUNK - 1) / CHUNK][];
            java.util.stream.IntStream.range(0, missing.length).parallel()
                    .forEach(c -> missing[c] = missingParts(w, k, c * CHUNK, Math.min(size, (c + 1) * CHUNK), lower));
            for (int[] starts : missing) {
                for (int start : starts) {
                    reserve(w, start, n, index, blanks);
                }
            }
            OrderEntries own = blanks[n];
            for (int b = 0; own != null && b < own.size(); b++) {
                checkParts(own.wordArray(), b * n, n, index, blanks);
            }
        }
        for (int n = 2; n < order; n++) {
            OrderEntries own = blanks[n];
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

    /** Rows per task when looking for missing parts. */
    private static final int CHUNK = 1 << 16;

    /**
     * Where the parts (suffix, then prefix) of n-grams {@code from .. to-1} that {@code lower}
     * lacks start in {@code w}, in the order {@link #checkParts} looks at them.
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

    /** Reserves (value 0, 0) the missing suffix and prefix of n-gram {@code w[from .. from+n-1]}. */
    private static void checkParts(int[] w, int from, int n, ProbingIndex index, OrderEntries[] blanks) {
        reserve(w, from + 1, n, index, blanks);
        reserve(w, from, n, index, blanks);
    }

    /** Reserves the (n-1)-gram {@code w[start ..]} as a blank unless it is in the model already. */
    private static void reserve(int[] w, int start, int n, ProbingIndex index, OrderEntries[] blanks) {
        ProbingTable lower = index.tables[n - 1];
        long key = NgramHash.of(w, start, n - 1);
        if (!lower.contains(key)) {
            lower.put(key, 0f, 0f);
            if (blanks[n - 1] == null) {
                blanks[n - 1] = new OrderEntries(n - 1, 16);
            }
            blanks[n - 1].add(w, start, 0f, 0f);
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
