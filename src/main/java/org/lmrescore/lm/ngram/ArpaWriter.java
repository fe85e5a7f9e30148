package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.FloatText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an ARPA file (gzip when the name ends in {@code .gz}) atomically: a failure half-way
 * leaves no partial file. Numbers are the shortest decimal that reads back to the same float,
 * never in exponent notation (some ARPA readers do not accept it; {@link FloatText}). Words are encoded to UTF-8
 * once and lines are assembled as bytes: a Gutenberg-size model is tens of millions of lines.
 */
public final class ArpaWriter {
    private ArpaWriter() {
    }

    public static void write(BackoffTables model, Path path) {
        try (AtomicOutput out = AtomicOutput.create(path)) {
            write(model, out.stream());
            out.stream().flush();
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same text to a character writer (small models, tests). */
    public static void write(BackoffTables model, Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(model, bytes);
        w.write(bytes.toString(StandardCharsets.UTF_8));
    }

    public static void write(BackoffTables model, OutputStream out) throws IOException {
        long[] counts = new long[model.order()];
        for (int n = 1; n <= model.order(); n++) {
            counts[n - 1] = model.count(n);
        }
        Sections sections = new Sections(model.vocabulary(), counts, out);
        for (int n = 1; n <= model.order(); n++) {
            sections.order(model.entries(n));
        }
        sections.end();
    }

    /**
     * A file written as the estimator hands over each order ({@link OrderSink}): the parts are
     * formatted and written on a thread of their own, so writing order k overlaps estimating
     * order k + 1, and a part is let go once written. The parts waiting for the writer hold at
     * most {@code queueBytes}, so a writer slower than the estimator holds the estimator back
     * rather than the model on the heap; the larger the queue, the more the two overlap. {@link #end} waits for the writing and commits the file; an error on either side
     * leaves no file.
     */
    public static final class Streaming implements OrderSink, AutoCloseable {
        private final AtomicOutput atomic;
        private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "arpa-writer");
            t.setDaemon(true);
            return t;
        });
        /** Free room in the queue, in KiB. */
        private final java.util.concurrent.Semaphore queued;
        private final int queueKiB;
        private final java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
        private Sections sections;

        public Streaming(Path path, long queueBytes) {
            this.atomic = AtomicOutput.create(path);
            this.queueKiB = (int) Math.max(1, Math.min(Integer.MAX_VALUE, queueBytes >> 10));
            this.queued = new java.util.concurrent.Semaphore(queueKiB);
        }

        @Override
        public void begin(Vocabulary vocabulary, long[] counts) {
            writes.add(thread.submit(() -> {
                sections = new Sections(vocabulary, counts, atomic.stream());
                return null;
            }));
        }

        @Override
        public void order(OrderEntries part) {
            // ids, probability and backoff per entry; a part larger than the queue waits for an empty one
            int kib = (int) Math.min(queueKiB, Math.max(1, ((long) part.size() * (4L * part.order() + 8)) >> 10));
            try {
                queued.acquire(kib);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            java.util.concurrent.Future<?> write = thread.submit(() -> {
                try {
                    sections.order(part);
                } finally {
                    queued.release(kib);
                }
                return null;
            });
            writes.removeIf(w -> w.isDone() && succeeded(w));
            writes.add(write);
        }

        @Override
        public void end() {
            writes.add(thread.submit(() -> {
                sections.end();
                atomic.stream().flush();
                return null;
            }));
            for (java.util.concurrent.Future<?> w : writes) {
                succeeded(w);
            }
            atomic.commit();
        }

        /** True, or the write's failure rethrown. */
        private static boolean succeeded(java.util.concurrent.Future<?> w) {
            try {
                w.get();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
            atomic.close();
        }
    }

    /** The file's parts in order: the header, then each order's section (in parts), then the end. */
    private static final class Sections {
        /** Every word's UTF-8 bytes, back to back: word i is {@code wordBytes[wordStart[i] .. wordStart[i+1]-1]}. */
        private final byte[] wordBytes;
        private final int[] wordStart;
        private final int order;
        /** The order whose section is open; 0 before the first. */
        private int open;
        private final ByteLine line;
        private final NumberText numbers = new NumberText();

        Sections(Vocabulary vocab, long[] counts, OutputStream out) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            wordStart = new int[vocab.size() + 1];
            int longest = 0;
            for (int i = 0; i < vocab.size(); i++) {
                byte[] w = vocab.word(i).getBytes(StandardCharsets.UTF_8);
                all.write(w);
                wordStart[i + 1] = wordStart[i] + w.length;
                longest = Math.max(longest, w.length);
            }
            wordBytes = all.toByteArray();
            order = counts.length;
            line = new ByteLine(out, 2 * FloatText.LONGEST + order * (longest + 1) + 2);
            line.ascii("\\data\\\n");
            for (int n = 1; n <= order; n++) {
                line.ascii("ngram " + n + "=" + counts[n - 1] + "\n");
            }
            line.ascii("\n");
        }

        /** Closes the open section and opens each next one up to order {@code n}. */
        private void openUpTo(int n) throws IOException {
            if (n < open) {
                throw new IllegalStateException(n + "-grams after " + open + "-grams");
            }
            while (open < n) {
                if (open > 0) {
                    line.ascii("\n");
                }
                open++;
                line.ascii("\\" + open + "-grams:\n");
            }
        }

        void order(OrderEntries e) throws IOException {
            int n = e.order();
            openUpTo(n);
            int[] ids = e.wordArray();
            boolean backoff = n < order;
            for (int i = 0; i < e.size(); i++) {
                byte[] buf = line.room();
                int pos = numbers.put(e.prob(i), buf, line.pos);
                buf[pos++] = '\t';
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        buf[pos++] = ' ';
                    }
                    int id = ids[i * n + k];
                    int from = wordStart[id];
                    int length = wordStart[id + 1] - from;
                    System.arraycopy(wordBytes, from, buf, pos, length);
                    pos += length;
                }
                if (backoff) {
                    buf[pos++] = '\t';
                    pos = numbers.put(e.backoff(i), buf, pos);
                }
                buf[pos++] = '\n';
                line.pos = pos;
            }
        }

        void end() throws IOException {
            openUpTo(order);
            line.ascii("\n\\end\\\n");
            line.flush();
        }
    }

    /**
     * The text of numbers, remembered in a small direct-mapped cache in front of {@link FloatText}:
     * models repeat many values (every n-gram of a context shares its interpolation weight), and a
     * hit is a copy of a few bytes from one flat array. 16 K slots measured faster than 4 K or 64 K.
     */
    private static final class NumberText {
        private static final int SIZE = 1 << 14;
        /** Bytes per slot; longer texts are not remembered. */
        private static final int STRIDE = 16;
        private final int[] keys = new int[SIZE];
        private final byte[] lengths = new byte[SIZE];
        private final byte[] texts = new byte[SIZE * STRIDE];

        /** Writes the text of {@code v} into {@code buf} at {@code pos} (room for {@link FloatText#LONGEST}); returns the position after it. */
        int put(float v, byte[] buf, int pos) {
            int bits = Float.floatToRawIntBits(v);
            int slot = (bits ^ (bits >>> 14)) & (SIZE - 1);
            int length = lengths[slot];
            if (length != 0 && keys[slot] == bits) {
                System.arraycopy(texts, slot * STRIDE, buf, pos, length);
                return pos + length;
            }
            int end = FloatText.append(v, buf, pos);
            if (end - pos <= STRIDE) {
                System.arraycopy(buf, pos, texts, slot * STRIDE, end - pos);
                keys[slot] = bits;
                lengths[slot] = (byte) (end - pos);
            }
            return end;
        }
    }

    /** A byte buffer in front of the stream, with room for one whole line at any time. */
    private static final class ByteLine {
        private final OutputStream out;
        private final byte[] buf;
        private final int longestLine;
        /** Where the next byte goes. */
        int pos;

        ByteLine(OutputStream out, int longestLine) {
            this.out = out;
            this.longestLine = longestLine;
            this.buf = new byte[Math.max(1 << 16, 4 * longestLine)];
        }

        /** The buffer, flushed first if a line of the longest length might not fit after {@link #pos}. */
        byte[] room() throws IOException {
            if (pos + longestLine > buf.length) {
                flush();
            }
            return buf;
        }

        void ascii(CharSequence s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                if (pos == buf.length) {
                    flush();
                }
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
