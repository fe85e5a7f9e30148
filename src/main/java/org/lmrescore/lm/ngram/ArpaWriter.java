package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.AtomicOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an ARPA file (gzip when the name ends in {@code .gz}) atomically: a failure half-way
 * leaves no partial file. Numbers are the shortest decimal that reads back to the same float,
 * never in exponent notation (some ARPA readers do not accept it). Words are encoded to UTF-8
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
        private final byte[][] words;
        private final int order;
        /** The order whose section is open; 0 before the first. */
        private int open;
        private final ByteLine line;
        private final NumberText numbers = new NumberText();

        Sections(Vocabulary vocab, long[] counts, OutputStream out) throws IOException {
            words = new byte[vocab.size()][];
            for (int i = 0; i < words.length; i++) {
                words[i] = vocab.word(i).getBytes(StandardCharsets.UTF_8);
            }
            order = counts.length;
            line = new ByteLine(out);
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
                    line.put('\n');
                }
                open++;
                line.ascii("\\" + open + "-grams:\n");
            }
        }

        void order(OrderEntries e) throws IOException {
            int n = e.order();
            openUpTo(n);
            for (int i = 0; i < e.size(); i++) {
                line.bytes(numbers.of(e.prob(i)));
                line.put('\t');
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        line.put(' ');
                    }
                    line.bytes(words[e.word(i, k)]);
                }
                if (n < order) {
                    line.put('\t');
                    line.bytes(numbers.of(e.backoff(i)));
                }
                line.put('\n');
            }
        }

        void end() throws IOException {
            openUpTo(order);
            line.put('\n');
            line.ascii("\\end\\\n");
            line.flush();
        }
    }

    static void appendNumber(StringBuilder sb, float v) {
        if (v == 0f) {
            sb.append('0');
            return;
        }
        String s = Float.toString(v);
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).toPlainString();
        } else if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        sb.append(s);
    }

    /**
     * The text of numbers, remembered in a direct-mapped cache: models repeat many values (every
     * n-gram of a context shares its interpolation weight), and formatting is the costly part.
     */
    private static final class NumberText {
        private static final int SIZE = 1 << 16;
        private final int[] keys = new int[SIZE];
        private final byte[][] texts = new byte[SIZE][];
        private final StringBuilder sb = new StringBuilder(24);

        byte[] of(float v) {
            int bits = Float.floatToRawIntBits(v);
            int slot = (bits ^ (bits >>> 16)) & (SIZE - 1);
            byte[] t = texts[slot];
            if (t != null && keys[slot] == bits) {
                return t;
            }
            sb.setLength(0);
            appendNumber(sb, v);
            t = sb.toString().getBytes(StandardCharsets.US_ASCII);
            keys[slot] = bits;
            texts[slot] = t;
            return t;
        }
    }

    /** A byte buffer in front of the stream. */
    private static final class ByteLine {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        ByteLine(OutputStream out) {
            this.out = out;
        }

        void put(char c) throws IOException {
            if (pos == buf.length) {
                flush();
            }
            buf[pos++] = (byte) c;
        }

        void ascii(CharSequence s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
        }

        void bytes(byte[] b) throws IOException {
            if (pos + b.length > buf.length) {
                flush();
                if (b.length > buf.length) {
                    out.write(b);
                    return;
                }
            }
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
