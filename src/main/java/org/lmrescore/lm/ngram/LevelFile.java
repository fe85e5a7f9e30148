package org.lmrescore.lm.ngram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The k-grams of one order with their adjusted counts, in suffix order, kept in a temporary file
 * between the step that makes them and the steps that read them: Kneser-Ney estimation needs
 * one order's words in memory at a time and streams the next order past it, so no order has to
 * stay on the heap while another is worked on (what lmplz does with its sorted blocks on disk).
 * Written through the page cache, not mapped, so an order read back is not part of the process's
 * resident memory. The file is a sequence of blocks of {@link #CHUNK_ROWS} rows (the last one
 * shorter), each the rows' ids (k little-endian ints a row), then their adjusted counts (longs),
 * so that a block is read and written in bulk.
 *
 * <p>Besides the rows it remembers what the discount estimate needs of the whole order: the
 * counts of adjusted counts 1..4, and the adjusted and raw count of the last row (lmplz's
 * statistics see the last n-gram's suffixes with their raw counts).
 */
final class LevelFile implements AutoCloseable {
    /** Rows per chunk a reader hands out. */
    static final int CHUNK_ROWS = 1 << 16;

    final int order;
    private final Path path;
    private long size;
    private final long[] countsOfCounts = new long[5];
    private long lastAdjusted;
    private long lastRaw;

    private LevelFile(int order, Path path) {
        this.order = order;
        this.path = path;
    }

    long size() {
        return size;
    }

    /** n_1 .. n_4 of the adjusted counts at indexes 1..4 (index 0 unused). */
    long[] countsOfCounts() {
        return countsOfCounts.clone();
    }

    long lastAdjusted() {
        return lastAdjusted;
    }

    long lastRaw() {
        return lastRaw;
    }

    private int rowBytes() {
        return 4 * order + 8;
    }

    /** A writer of a new level file in {@code dir}; rows must come in suffix order. */
    static Writer create(int order, Path dir) {
        try {
            Path p = Files.createTempFile(dir, "kn-order" + order + "-", ".bin");
            p.toFile().deleteOnExit();
            return new Writer(new LevelFile(order, p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file in " + dir, e);
        }
    }

    /** Appends rows; {@link #finish} hands over the level. */
    static final class Writer implements AutoCloseable {
        private final LevelFile level;
        private final FileChannel channel;
        private final Chunk block;
        private final ByteBuffer buffer;

        private Writer(LevelFile level) throws IOException {
            this.level = level;
            this.channel = FileChannel.open(level.path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.block = new Chunk(level.order, CHUNK_ROWS);
            this.buffer = ByteBuffer.allocateDirect(CHUNK_ROWS * level.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Appends the k-gram {@code words[from .. from+k-1]}. */
        void add(int[] words, int from, long adjusted, long raw) {
            System.arraycopy(words, from, block.words, block.size * level.order, level.order);
            block.adjusted[block.size++] = adjusted;
            if (adjusted >= 1 && adjusted <= 4) {
                level.countsOfCounts[(int) adjusted]++;
            }
            level.lastAdjusted = adjusted;
            level.lastRaw = raw;
            level.size++;
            if (block.size == CHUNK_ROWS) {
                drain();
            }
        }

        LevelFile finish() {
            drain();
            close();
            return level;
        }

        private void drain() {
            int rows = block.size;
            buffer.clear();
            buffer.asIntBuffer().put(block.words, 0, rows * level.order);
            buffer.position(rows * 4 * level.order);
            buffer.asLongBuffer().put(block.adjusted, 0, rows);
            buffer.position(0).limit(rows * level.rowBytes());
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + level.path, e);
            }
            block.size = 0;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + level.path, e);
            }
        }
    }

    /** Consecutive rows of a level, as a reader hands them out; the arrays are reused chunk to chunk. */
    static final class Chunk {
        /** Row number of the chunk's first row in the level. */
        long first;
        int size;
        final int[] words;
        final long[] adjusted;
        /** Room for one int a row that whoever works on the chunk may use (each worker of a parallel pass has its own). */
        final int[] scratch;

        Chunk(int order, int capacity) {
            this.words = new int[order * capacity];
            this.adjusted = new long[capacity];
            this.scratch = new int[capacity];
        }
    }

    /** Reads the level from its start, a chunk at a time. */
    final class Reader implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_ROWS * rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        private final Chunk chunk = new Chunk(order, CHUNK_ROWS);
        private long next;

        Reader() {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        /** The next rows, or null at the end. */
        Chunk next() {
            if (next == size) {
                return null;
            }
            read(channel, next, buffer, chunk);
            next += chunk.size;
            return chunk;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // only read
            }
        }
    }

    Reader reader() {
        return new Reader();
    }

    /** What a chunk-parallel pass does with one chunk (see {@link #forEachChunk}). */
    interface ChunkBody {
        void accept(Chunk chunk);
    }

    /** Workers of a chunk-parallel pass: one per core, at most 4 (the passes are bound by memory, not arithmetic). */
    private static final int WORKERS = Math.min(4, Runtime.getRuntime().availableProcessors());

    /**
     * Calls {@code body} once for every chunk, on every core: workers take the chunks in turn
     * (each worker in increasing order), each reading into its own arrays by position, so the
     * body must be safe to run on two chunks at once (writing only the rows of its chunk).
     * Returns when every chunk is done; an exception in one worker is thrown here.
     */
    void forEachChunk(ChunkBody body) {
        long chunks = (size + CHUNK_ROWS - 1) / CHUNK_ROWS;
        int workers = (int) Math.min(WORKERS, chunks);
        if (workers <= 1) {
            try (Reader r = reader()) {
                for (Chunk c = r.next(); c != null; c = r.next()) {
                    body.accept(c);
                }
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
            java.util.stream.IntStream.range(0, workers).parallel().forEach(w -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_ROWS * rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
                Chunk chunk = new Chunk(order, CHUNK_ROWS);
                for (long c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    read(channel, c * CHUNK_ROWS, buffer, chunk);
                    body.accept(chunk);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Rows {@code first ..} (a chunk's worth, or to the end) into {@code chunk}, by positional reads. */
    private void read(FileChannel channel, long first, ByteBuffer buffer, Chunk chunk) {
        int rows = (int) Math.min(CHUNK_ROWS, size - first);
        buffer.clear().limit(rows * rowBytes());
        long at = first * rowBytes();
        try {
            while (buffer.hasRemaining()) {
                int got = channel.read(buffer, at);
                if (got < 0) {
                    throw new IOException("ends before row " + first + " of " + size);
                }
                at += got;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        buffer.flip();
        buffer.asIntBuffer().get(chunk.words, 0, rows * order);
        buffer.position(rows * 4 * order);
        buffer.asLongBuffer().get(chunk.adjusted, 0, rows);
        chunk.first = first;
        chunk.size = rows;
    }

    /** Every row's words in one array (rows of {@code order} ids), for the order estimation holds in memory. */
    int[] words() {
        if (size * order > OrderEntries.maxEntries(1)) {
            throw new IllegalStateException("more " + order + "-grams than one array holds: " + size);
        }
        int[] words = new int[(int) size * order];
        try (Reader r = reader()) {
            for (Chunk c = r.next(); c != null; c = r.next()) {
                System.arraycopy(c.words, 0, words, (int) c.first * order, c.size * order);
            }
        }
        return words;
    }

    /** Deletes the file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
