package org.lmrescore.lm.rnn;

import java.util.stream.IntStream;

/**
 * Splits one large loop over independent items (output rows, batch members) into blocks run on
 * the common fork-join pool, so an exact softmax over a large vocabulary (NCE validation, its
 * scoring, dynamic evaluation) uses every core even where the caller has one thread. Work below
 * {@link #PARALLEL_WORK} multiply-adds stays on the calling thread: handing off a block costs
 * microseconds. Each item must be computed the same way whichever thread runs it, so the result
 * does not depend on the split.
 */
final class RowBlocks {
    /** About 1 M multiply-adds: below that a hand-off costs more than it saves. */
    static final long PARALLEL_WORK = 1L << 20;
    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    /** The items [from, to) of one block. */
    interface Body {
        void run(int from, int to);
    }

    private RowBlocks() {
    }

    /**
     * Runs {@code body} over [0, items) in blocks of {@code block} items (the last shorter), in
     * parallel when {@code items * workPerItem} reaches {@link #PARALLEL_WORK}.
     */
    static void forEach(int items, int block, long workPerItem, Body body) {
        int blocks = (items + block - 1) / block;
        if (!MULTICORE || blocks < 2 || items * workPerItem < PARALLEL_WORK) {
            body.run(0, items);
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(b -> body.run(b * block, Math.min(items, (b + 1) * block)));
    }
}
