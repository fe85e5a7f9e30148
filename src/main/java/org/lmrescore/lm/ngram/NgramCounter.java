package org.lmrescore.lm.ngram;

import org.lmrescore.util.Log;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the n-grams of one order in primitive arrays: rows of ids in one int array, counts in a
 * long array, an open-addressing index of row numbers, no object per n-gram. When the rows reach
 * the memory budget they are sorted (suffix order) and written to a temporary run file; the runs
 * are merged at the end, summing the counts of equal n-grams.
 */
final class NgramCounter implements AutoCloseable {
    private static final int RUN_BUFFER = 1 << 16;

    private final int n;
    private final int maxRows;
    private final long memoryBytes;
    private final Path tempDir;
    private final List<Path> runs = new ArrayList<>();
    private int[] words;
    private long[] counts;
    /** Slots: high 32 bits of the n-gram hash, then row + 1 (0 = empty); two per row of capacity, so at most half full. */
    private long[] index;
    private int size;
    private int maxId;

    NgramCounter(int order, long memoryBytes, Path tempDir, long expectedRows) {
        this.n = order;
        // row ids + count + two index slots
        long perRow = 4L * order + 8 + 16;
        this.maxRows = (int) Math.max(1024, Math.min(memoryBytes / perRow, (1 << 28) / Math.max(1, order)));
        this.tempDir = tempDir;
        this.memoryBytes = memoryBytes;
        int start = (int) Math.min(maxRows, Math.max(1 << 16, expectedRows));
        words = new int[start * n];
        counts = new long[start];
        index = new long[2 * start];
    }

    /** The home slot of hash {@code h}: its place in [0, slots), no power of two needed. */
    private static int home(int h, int slots) {
        return (int) (((h & 0xffffffffL) * slots) >>> 32);
    }

    /** Counts the n-gram {@code gram[from .. from+n-1]} once. */
    void add(int[] gram, int from) {
        int h = (int) (NgramHash.of(gram, from, n) >>> 32);
        int slot = home(h, index.length);
        while (true) {
            long e = index[slot];
            if (e == 0) {
                break;
            }
            if ((int) (e >>> 32) == h) {
                int row = (int) e - 1;
                if (NgramOrdering.rowEquals(words, row, n, gram, from)) {
                    counts[row]++;
                    return;
                }
            }
            if (++slot == index.length) {
                slot = 0;
            }
        }
        if (size == maxRows) {
            spill();
            add(gram, from);
            return;
        }
        if (size == counts.length) {
            // while growing, the old and the new arrays are both alive: spill instead when the two would pass the budget
            if (bytes(counts.length) + bytes(Math.min(counts.length + (long) counts.length / 2, maxRows)) > memoryBytes) {
                spill();
            } else {
                grow();
            }
            add(gram, from);
            return;
        }
        System.arraycopy(gram, from, words, size * n, n);
        for (int k = 0; k < n; k++) {
            maxId = Math.max(maxId, gram[from + k]);
        }
        counts[size] = 1;
        index[slot] = ((long) h << 32) | ++size;
    }

    /** Bytes of the arrays for {@code rows} rows: ids, counts and the index (2 slots a row). */
    private long bytes(long rows) {
        return rows * (4L * n + 8 + 16);
    }

    /**
     * Half as many rows again. The index is let go first and rebuilt from the rows, so at no time
     * are the old and the new index both alive: the peak is the larger arrays plus the old ids.
     */
    private void grow() {
        int cap = (int) Math.min(counts.length + (long) counts.length / 2, maxRows);
        index = null;
        words = java.util.Arrays.copyOf(words, cap * n);
        counts = java.util.Arrays.copyOf(counts, cap);
        index = new long[2 * cap];
        for (int row = 0; row < size; row++) {
            int h = (int) (NgramHash.of(words, row * n, n) >>> 32);
            int slot = home(h, index.length);
            while (index[slot] != 0) {
                if (++slot == index.length) {
                    slot = 0;
                }
            }
            index[slot] = ((long) h << 32) | (row + 1);
        }
    }

    /**
     * Puts the rows in suffix order: a radix sort of row numbers, then the rows moved in place
     * along the permutation's cycles. The index is let go first, so sorting needs less memory than
     * counting did (8 bytes a row for the sort against 16 for the index): the budget holds.
     */
    private void sortRows() {
        index = null;
        int[] perm = RowRadixSort.suffixOrder(words, size, n, maxId);
        int[] held = new int[n];
        for (int start = 0; start < size; start++) {
            if (perm[start] < 0) {
                continue;
            }
            // row `start` of the result is row perm[start]: follow the cycle, holding the first row
            System.arraycopy(words, start * n, held, 0, n);
            long heldCount = counts[start];
            int at = start;
            while (true) {
                int from = perm[at];
                perm[at] = ~from;
                if (from == start) {
                    System.arraycopy(held, 0, words, at * n, n);
                    counts[at] = heldCount;
                    break;
                }
                System.arraycopy(words, from * n, words, at * n, n);
                counts[at] = counts[from];
                at = from;
            }
        }
    }

    private void spill() {
        sortRows();
        try {
            Path run = Files.createTempFile(tempDir, "ngram-run-", ".bin");
            run.toFile().deleteOnExit();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), RUN_BUFFER))) {
                for (int row = 0; row < size; row++) {
                    for (int k = 0; k < n; k++) {
                        out.writeInt(words[row * n + k]);
                    }
                    out.writeLong(counts[row]);
                }
            }
            runs.add(run);
            Log.info("counting: spilled a sorted run of %,d %d-grams to %s", size, n, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary count file in " + tempDir, e);
        }
        size = 0;
        index = new long[2 * counts.length];
    }

    /** The distinct n-grams with counts, in suffix order. The counter is spent afterwards. */
    SortedNgrams finish() {
        if (runs.isEmpty()) {
            sortRows();
            SortedNgrams result = new SortedNgrams(n, size, words, counts);
            words = null;
            counts = null;
            index = null;
            return result;
        }
        spill();
        words = null;
        counts = null;
        index = null;
        return merge();
    }

    private SortedNgrams merge() {
        List<RunReader> readers = new ArrayList<>();
        PriorityQueue<RunReader> heap = new PriorityQueue<>((a, b) -> NgramOrdering.compareTail(a.row, 0, n, b.row, 0, n, n));
        try {
            for (Path run : runs) {
                RunReader r = new RunReader(run, n);
                readers.add(r);
                if (r.next()) {
                    heap.add(r);
                }
            }
            int[] outWords = new int[1024 * n];
            long[] outCounts = new long[1024];
            int outSize = 0;
            while (!heap.isEmpty()) {
                RunReader r = heap.poll();
                if (outSize > 0 && NgramOrdering.compareTail(outWords, outSize - 1, n, r.row, 0, n, n) == 0) {
                    outCounts[outSize - 1] += r.count;
                } else {
                    if (outSize == outCounts.length) {
                        outWords = java.util.Arrays.copyOf(outWords, outSize * 2 * n);
                        outCounts = java.util.Arrays.copyOf(outCounts, outSize * 2);
                    }
                    System.arraycopy(r.row, 0, outWords, outSize * n, n);
                    outCounts[outSize++] = r.count;
                }
                if (r.next()) {
                    heap.add(r);
                }
            }
            Log.info("counting: merged %d runs into %,d distinct %d-grams", runs.size(), outSize, n);
            return new SortedNgrams(n, outSize, outWords, outCounts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a temporary count file", e);
        } finally {
            for (RunReader r : readers) {
                r.close();
            }
            close();
        }
    }

    @Override
    public void close() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
        runs.clear();
    }

    /** Reads one sorted run back row by row. */
    private static final class RunReader {
        final int[] row;
        long count;
        private final DataInputStream in;

        RunReader(Path run, int n) throws IOException {
            this.row = new int[n];
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), RUN_BUFFER));
        }

        boolean next() throws IOException {
            try {
                for (int k = 0; k < row.length; k++) {
                    row[k] = in.readInt();
                }
                count = in.readLong();
                return true;
            } catch (EOFException e) {
                return false;
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }
}
