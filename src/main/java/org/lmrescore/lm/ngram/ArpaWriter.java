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
        Words words = new Words(model.vocabulary(), model.order());
        Sections sections = new Sections(words, counts, out);
        Lines lines = new Lines(words);
        for (int n = 1; n <= model.order(); n++) {
            sections.open(n);
            OrderEntries entries = model.entries(n);
            lines.format(entries, 0, entries.size(), sections.line);
        }
        sections.end();
    }

    /**
     * A file written as the estimator hands over each order ({@link OrderSink}): the parts are
     * turned into text on threads of their own, one per core, and written in order by one more,
     * so writing order k overlaps estimating order k + 1 (and the text, most of the writer's
     * work, keeps up with an estimator on all cores); a part is let go once written. The parts
     * waiting for the writer, and their text, hold at most {@code queueBytes}, so a writer slower
     * than the estimator holds the estimator back rather than the model on the heap; the larger
     * the queue, the more the two overlap. {@link #end} waits for the writing and commits the
     * file; an error on either side leaves no file.
     */
    public static final class Streaming implements OrderSink, AutoCloseable {
        /** Text bytes per byte of entries, about (a 5-gram line of 45 bytes from 28 of ids and floats; less for lower orders). */
        private static final int TEXT_PER_ENTRY_BYTE = 2;
        /** Entries formatted as one text at most (the estimator's parts are this size). */
        private static final int SLICE = LevelFile.CHUNK_ROWS;
        private final AtomicOutput atomic;
        private final java.util.concurrent.ExecutorService thread = daemons(1, "arpa-writer");
        private final java.util.concurrent.ExecutorService formatters = daemons(Runtime.getRuntime().availableProcessors(), "arpa-format");
        /** Free room in the queue, in KiB. */
        private final java.util.concurrent.Semaphore queued;
        private final int queueKiB;
        private final java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
        private ThreadLocal<Lines> lines;
        /** Text buffers written out, for the formatters to fill again (no more than the queue holds at once). */
        private final java.util.concurrent.ConcurrentLinkedQueue<ByteLine> texts = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private Sections sections;

        public Streaming(Path path, long queueBytes) {
            this.atomic = AtomicOutput.create(path);
            this.queueKiB = (int) Math.max(1, Math.min(Integer.MAX_VALUE, queueBytes >> 10));
            this.queued = new java.util.concurrent.Semaphore(queueKiB);
        }

        private static java.util.concurrent.ExecutorService daemons(int threads, String name) {
            return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void begin(Vocabulary vocabulary, long[] counts) {
            Words words = new Words(vocabulary, counts.length);
            lines = ThreadLocal.withInitial(() -> new Lines(words));  // each formatter its own number cache
            writes.add(thread.submit(() -> {
                sections = new Sections(words, counts, atomic.stream());
                return null;
            }));
        }

        @Override
        public void order(OrderEntries part) {
            // a large part in slices, so that no text is larger than a slice's
            for (int from = 0; from < part.size(); from += SLICE) {
                slice(part, from, Math.min(part.size(), from + SLICE));
            }
        }

        /** Entries {@code from .. to-1} of the part to a formatter, then to the writer. */
        private void slice(OrderEntries part, int from, int to) {
            // ids, probability and backoff per entry and the text they become; a slice larger than the queue waits for an empty one
            long bytes = (long) (to - from) * (4L * part.order() + 8) * (1 + TEXT_PER_ENTRY_BYTE);
            int kib = (int) Math.min(queueKiB, Math.max(1, bytes >> 10));
            try {
                queued.acquire(kib);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            java.util.concurrent.Future<ByteLine> text;
            try {
                text = formatters.submit(() -> {
                    Lines format = lines.get();
                    ByteLine line = texts.poll();
                    if (line == null) {
                        line = new ByteLine(null, format.longestLine(), (int) (bytes / (1 + TEXT_PER_ENTRY_BYTE) * TEXT_PER_ENTRY_BYTE));
                    }
                    format.format(part, from, to, line);
                    return line;
                });
            } catch (RuntimeException e) {
                queued.release(kib);
                throw e;
            }
            java.util.concurrent.Future<?> write = thread.submit(() -> {
                try {
                    sections.open(part.order());
                    sections.line.flush();
                    ByteLine done = text.get();
                    done.writeTo(atomic.stream());
                    done.pos = 0;
                    texts.add(done);
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
                Throwable cause = e.getCause() instanceof java.util.concurrent.ExecutionException inner ? inner.getCause() : e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
            formatters.shutdownNow();
            atomic.close();
        }
    }

    /** Every word's UTF-8 bytes, back to back, encoded once: word i is {@code bytes[start[i] .. start[i+1]-1]}. */
    private static final class Words {
        final byte[] bytes;
        final int[] start;
        /** The model's order: its highest order's lines have no backoff. */
        final int order;
        /** Bytes of the longest line: two numbers and {@code order} of the longest word. */
        final int longestLine;

        Words(Vocabulary vocab, int order) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            start = new int[vocab.size() + 1];
            int longest = 0;
            for (int i = 0; i < vocab.size(); i++) {
                byte[] w = vocab.word(i).getBytes(StandardCharsets.UTF_8);
                all.write(w, 0, w.length);
                start[i + 1] = start[i] + w.length;
                longest = Math.max(longest, w.length);
            }
            bytes = all.toByteArray();
            this.order = order;
            longestLine = 2 * FloatText.LONGEST + order * (longest + 1) + 2;
        }
    }

    /** The ARPA lines of entries: {@code log10p <TAB> words [<TAB> log10backoff]}. One per thread (its number cache is its own). */
    private static final class Lines {
        private final Words words;
        private final NumberText numbers = new NumberText();

        Lines(Words words) {
            this.words = words;
        }

        int longestLine() {
            return words.longestLine;
        }

        /** Entries {@code from .. to-1} of {@code e}. */
        void format(OrderEntries e, int from, int to, ByteLine line) throws IOException {
            int n = e.order();
            int[] ids = e.wordArray();
            boolean backoff = n < words.order;
            byte[] wordBytes = words.bytes;
            int[] wordStart = words.start;
            for (int i = from; i < to; i++) {
                byte[] buf = line.room();
                int pos = numbers.put(e.prob(i), buf, line.pos);
                buf[pos++] = '\t';
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        buf[pos++] = ' ';
                    }
                    int id = ids[i * n + k];
                    int start = wordStart[id];
                    int length = wordStart[id + 1] - start;
                    System.arraycopy(wordBytes, start, buf, pos, length);
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
    }

    /** The file's frame in order: the header, each order's section heading, the end; the lines go between. */
    private static final class Sections {
        private final int order;
        /** The order whose section is open; 0 before the first. */
        private int open;
        final ByteLine line;

        Sections(Words words, long[] counts, OutputStream out) throws IOException {
            order = counts.length;
            line = new ByteLine(out, words.longestLine);
            line.ascii("\\data\\\n");
            for (int n = 1; n <= order; n++) {
                line.ascii("ngram " + n + "=" + counts[n - 1] + "\n");
            }
            line.ascii("\n");
        }

        /** Closes the open section and opens each next one up to order {@code n}. */
        void open(int n) throws IOException {
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

        void end() throws IOException {
            open(order);
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

    /**
     * A byte buffer with room for one whole line at any time: in front of a stream (flushed when
     * full), or, with no stream, a growing buffer for a part's text ({@link #writeTo} later).
     */
    private static final class ByteLine {
        private final OutputStream out;
        private byte[] buf;
        private final int longestLine;
        /** Where the next byte goes. */
        int pos;

        ByteLine(OutputStream out, int longestLine) {
            this(out, longestLine, 1 << 16);
        }

        ByteLine(OutputStream out, int longestLine, int capacity) {
            this.out = out;
            this.longestLine = longestLine;
            this.buf = new byte[Math.max(capacity, 4 * longestLine)];
        }

        /** The buffer, flushed (or grown) first if a line of the longest length might not fit after {@link #pos}. */
        byte[] room() throws IOException {
            if (pos + longestLine > buf.length) {
                if (out == null) {
                    buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, pos + longestLine));
                } else {
                    flush();
                }
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

        /** The bytes so far to {@code to}. */
        void writeTo(OutputStream to) throws IOException {
            to.write(buf, 0, pos);
        }
    }
}
