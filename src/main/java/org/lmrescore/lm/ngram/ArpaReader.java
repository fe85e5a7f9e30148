package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.ReadAheadLines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ARPA backoff model (plain or gzip). Tolerant of what real files contain: text before
 * {@code \data\}, blank lines, omitted backoffs (0), {@code -99} or {@code -inf} for {@code <s>},
 * tabs or spaces between fields. Strict about everything that would give wrong scores: counts that
 * disagree with the {@code \data\} header, fields that are not numbers, unknown sections, words
 * missing from the unigrams, a file that ends before {@code \end\}. Each error names file and line.
 */
public final class ArpaReader {
    /**
     * What a reading hands the model to as it goes: the unigrams whole, then each higher order's
     * rows in blocks, so a sink that builds its own structure need not keep them.
     */
    interface Sink<T> {
        /** The unigrams (every word, in id order) and the header's count of every order. */
        void unigrams(Vocabulary vocabulary, OrderEntries unigrams, long[] counts);

        /** Order {@code n} (2 and up) begins; {@code capacity} n-grams is as much room as is safe to reserve. */
        void order(int n, int capacity);

        /** The next rows of the current order, with the line of each (valid up to {@code rows.size()}). */
        void rows(OrderEntries rows, int[] lines);

        T finish();
    }

    /** Rows per block handed to a sink. */
    private static final int BLOCK_ROWS = 1 << 16;

    private final ReadAheadLines in;
    private String line;
    /** Hands each block to the sink while the next one is parsed; at most one block is in its hands. */
    private final java.util.concurrent.ExecutorService consumer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "arpa-rows");
        t.setDaemon(true);
        return t;
    });
    private java.util.concurrent.Future<?> pending;

    private ArpaReader(ReadAheadLines in) {
        this.in = in;
    }

    /** The whole model as tables. */
    public static BackoffTables read(Path path) {
        return read(path, new TablesSink());
    }

    /** Reads {@code path} into {@code sink} and returns what it makes. */
    static <T> T read(Path path, Sink<T> sink) {
        try (ReadAheadLines in = ReadAheadLines.open(path)) {  // the lines are read while the ones before are parsed
            ArpaReader reader = new ArpaReader(in);
            try {
                return reader.read(sink);
            } catch (InputFormatException e) {
                reader.waitForSink();  // an error the sink found on an earlier line comes first
                throw e;
            } finally {
                reader.consumer.shutdownNow();
            }
        }
    }

    private <T> T read(Sink<T> sink) {
        List<Long> header = readHeader();
        int order = header.size();
        long[] counts = header.stream().mapToLong(Long::longValue).toArray();
        WordLookup ids = new WordLookup();
        int[] ngram = new int[order];
        for (int n = 1; n <= order; n++) {
            String expected = "\\" + n + "-grams:";
            nextNonBlank("section " + expected);
            if (!line.trim().equals(expected)) {
                throw in.error("expected " + expected + " but found '" + abbreviate(line) + "'");
            }
            long count = counts[n - 1];
            int capacity = initialCapacity(n, count);
            if (n > 1) {
                sink.order(n, capacity);
            }
            OrderEntries entries = new OrderEntries(n, n == 1 ? capacity : Math.min(capacity, BLOCK_ROWS));
            int[] lines = new int[n == 1 ? 0 : BLOCK_ROWS];
            for (long i = 0; i < count; i++) {
                if (!advance()) {
                    throw eof(count + " " + n + "-grams as the \\data\\ header says (found " + i + ")");
                }
                if (line.startsWith("\\")) {
                    throw in.error("the \\data\\ header says " + count + " " + n + "-grams but the section has " + i);
                }
                if (n > 1) {
                    lines[entries.size()] = (int) Math.min(in.lineNumber(), Integer.MAX_VALUE);
                }
                parseEntry(n, ngram, entries, ids);
                if (n > 1 && entries.size() == BLOCK_ROWS) {
                    hand(sink, entries, lines);
                    entries = new OrderEntries(n, BLOCK_ROWS);
                    lines = new int[BLOCK_ROWS];
                }
            }
            if (n == 1) {
                sink.unigrams(Vocabulary.of(ids.words()), entries, counts);
            } else if (entries.size() > 0) {
                hand(sink, entries, lines);
            }
        }
        nextNonBlank("\\end\\");
        if (!line.trim().equals("\\end\\")) {
            if (line.startsWith("\\")) {
                throw in.error("expected \\end\\ after the " + order + "-grams but found '" + abbreviate(line) + "'");
            }
            throw in.error("the \\data\\ header says " + counts[order - 1] + " " + order
                    + "-grams but the section has more");
        }
        waitForSink();
        return sink.finish();
    }

    /** Gives a block to the sink once it has taken the one before. */
    private <T> void hand(Sink<T> sink, OrderEntries rows, int[] lines) {
        waitForSink();
        pending = consumer.submit(() -> sink.rows(rows, lines));
    }

    /** Waits for the sink's block; its error, on a line of the file, is this file's. */
    private void waitForSink() {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + in.path(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InputFormatException ife && ife.file() == null) {
                throw new InputFormatException(in.path(), ife.line(), ife.getMessage());
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pending = null;
        }
    }

    /** Keeps every row: the whole model as tables. */
    static final class TablesSink implements Sink<BackoffTables> {
        private Vocabulary vocabulary;
        private OrderEntries[] orders;

        @Override
        public void unigrams(Vocabulary vocabulary, OrderEntries unigrams, long[] counts) {
            this.vocabulary = vocabulary;
            orders = new OrderEntries[counts.length];
            orders[0] = unigrams;
        }

        @Override
        public void order(int n, int capacity) {
            orders[n - 1] = new OrderEntries(n, capacity);
        }

        @Override
        public void rows(OrderEntries rows, int[] lines) {
            orders[rows.order() - 1].addAll(rows);
        }

        @Override
        public BackoffTables finish() {
            return new BackoffTables(vocabulary, orders);
        }
    }

    /**
     * Room for the n-grams a header announces, no more than the file can hold: a plain file has
     * at least 2n + 2 bytes per n-gram line (a header claiming more is an error); a gzip file's
     * length bounds only the first allocation, which then grows as entries are read.
     */
    private int initialCapacity(int n, long count) {
        if (count > OrderEntries.maxEntries(n)) {
            throw new InputFormatException(in.path(), 0, "the \\data\\ header says " + count + " " + n
                    + "-grams: more than one model here can hold (" + OrderEntries.maxEntries(n) + ")");
        }
        long bytes;
        try {
            bytes = java.nio.file.Files.size(in.path());
        } catch (java.io.IOException e) {
            return (int) Math.min(count, 1 << 20);
        }
        long fits = bytes / (2L * n + 2);
        if (!in.compressed() && count > fits) {
            throw new InputFormatException(in.path(), 0, "the \\data\\ header says " + count + " " + n
                    + "-grams but the file has only " + bytes + " bytes (at least " + (2 * n + 2) + " per " + n + "-gram)");
        }
        return (int) Math.min(count, in.compressed() ? 16 * fits : fits);
    }

    private List<Long> readHeader() {
        while (true) {
            try {
                line = in.readLine();
            } catch (InputFormatException e) {
                throw new InputFormatException(in.path(), 0,
                        "not an n-gram model: neither ARPA text, nor our binary, nor a Sphinx trie LM");
            }
            if (line == null) {
                throw new InputFormatException(in.path(), 0, "no \\data\\ section: not an ARPA file");
            }
            if (line.trim().equals("\\data\\")) {
                break;
            }
        }
        List<Long> counts = new ArrayList<>();
        while (true) {
            line = in.readLine();
            if (line == null) {
                throw new InputFormatException(in.path(), in.lineNumber() + 1, "file ends inside the \\data\\ header (truncated?)");
            }
            String t = line.trim();
            if (t.isEmpty()) {
                if (counts.isEmpty()) {
                    continue;
                }
                break;
            }
            if (t.startsWith("\\")) {
                throw in.error(counts.isEmpty() ? "expected 'ngram 1=COUNT' lines after \\data\\"
                        : "expected a blank line after the \\data\\ counts");
            }
            if (!t.startsWith("ngram ")) {
                throw in.error("expected 'ngram N=COUNT' but found '" + abbreviate(t) + "'");
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw in.error("expected 'ngram N=COUNT' but found '" + abbreviate(t) + "'");
            }
            int n;
            long c;
            try {
                n = Integer.parseInt(t.substring(6, eq).trim());
                c = Long.parseLong(t.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw in.error("expected 'ngram N=COUNT' with integers but found '" + abbreviate(t) + "'");
            }
            if (n != counts.size() + 1) {
                throw in.error("expected 'ngram " + (counts.size() + 1) + "=COUNT' but found '" + abbreviate(t) + "'");
            }
            if (c < 0 || c > Integer.MAX_VALUE - 8) {
                throw in.error("n-gram count out of range: " + c);
            }
            if (n == 1 && c == 0) {
                throw in.error("a model needs at least one unigram");
            }
            counts.add(c);
        }
        return counts;
    }

    private void parseEntry(int n, int[] ngram, OrderEntries entries, WordLookup ids) {
        String s = line;
        int len = s.length();
        int pos = skipSpace(s, 0);
        int end = skipToken(s, pos);
        float prob = parseNumber(s, pos, end, "a log10 probability");
        if (prob > 0) {
            throw in.error("log10 probability " + s.substring(pos, end) + " is above 0");
        }
        for (int k = 0; k < n; k++) {
            pos = skipSpace(s, end);
            if (pos == len) {
                throw in.error("expected a log10 probability, " + n + " word(s) and an optional backoff; found "
                        + k + " word(s)");
            }
            end = skipToken(s, pos);
            int id = ids.find(s, pos, end);
            if (n == 1) {
                if (id >= 0) {
                    throw in.error("word '" + s.substring(pos, end) + "' listed twice in the 1-grams");
                }
                ngram[0] = ids.add(s.substring(pos, end));
            } else {
                if (id < 0) {
                    throw in.error("word '" + s.substring(pos, end) + "' is not in the 1-grams");
                }
                ngram[k] = id;
            }
        }
        float backoff = 0f;
        pos = skipSpace(s, end);
        if (pos < len) {
            end = skipToken(s, pos);
            backoff = parseNumber(s, pos, end, "a log10 backoff weight");
            if (skipSpace(s, end) < len) {
                throw in.error("expected a log10 probability, " + n + " word(s) and an optional backoff; found more fields");
            }
        }
        entries.add(ngram, 0, prob, backoff);
    }

    private float parseNumber(String s, int from, int to, String what) {
        if (from >= to) {
            throw in.error("expected " + what);
        }
        float fast = DecimalParser.parse(s, from, to);
        if (!Float.isNaN(fast)) {
            return fast;
        }
        String t = s.substring(from, to);
        if (t.equals("-inf") || t.equals("-Inf") || t.equals("-INF")) {
            return -99f;
        }
        char c = t.charAt(t.length() - 1);
        if (!(c >= '0' && c <= '9') && c != '.') {
            throw in.error("expected " + what + " but found '" + abbreviate(t) + "'");
        }
        try {
            float v = Float.parseFloat(t);
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw in.error("expected " + what + " but found '" + abbreviate(t) + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw in.error("expected " + what + " but found '" + abbreviate(t) + "'");
        }
    }

    private void nextNonBlank(String expected) {
        if (!advance()) {
            throw eof(expected);
        }
    }

    /** Moves to the next non-blank line; false at the end of the file. */
    private boolean advance() {
        while (true) {
            line = in.readLine();
            if (line == null) {
                return false;
            }
            if (!line.isBlank()) {
                return true;
            }
        }
    }

    private InputFormatException eof(String expected) {
        return new InputFormatException(in.path(), in.lineNumber() + 1, "file ends early (truncated?): expected " + expected);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipToken(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
