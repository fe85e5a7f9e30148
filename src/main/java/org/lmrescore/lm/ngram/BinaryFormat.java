package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.MappedRegion;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The binary n-gram file: what {@code build-binary} writes and {@link NgramModels#load} maps. The
 * file is the query structure (KenLM's idea): loading maps it and checks it, and builds only the
 * vocabulary's word map and copies of the unigram arrays; the n-gram tables are read in place.
 * Little-endian, sections 8-byte aligned:
 * <pre>
 *   "LMRNGRAM" magic, int version (3), int layout (1 probing, 2 trie), int order,
 *   int vocabulary size V, int vocabulary bytes, int 0
 *   long count[order]                  n-grams per order (blanks included)
 *   vocabulary                         words in id order, UTF-8, each ended by '\n'
 *   float prob[V], float backoff[V]    unigrams, log10
 *   probing, per order n = 2..order:   long capacity, then the {@link ProbingTable}'s slots
 *   trie:                              int next[V + 1], then per order n = 2..order
 *                                      int wordBits, probBits, backoffBits, nextBits, probBins, backoffBins,
 *                                      float bins[probBins + backoffBins], the {@link TrieIndex} bit array
 *   long crc                           CRC-32C of every byte before it
 * </pre>
 * Every size is checked against the file's length before anything is mapped, and the checksum
 * before the model is used: a flipped byte would silently change words or scores. A trie's
 * unigram pointers are checked at load and its other pointers at each step of a query (reading
 * them all at load would make every page resident), so no file can make a query read outside it. Versions 1 and 2 (hash keys only, re-inserted into heap tables at load) are still read.
 */
public final class BinaryFormat {
    static final byte[] MAGIC = "LMRNGRAM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 3;
    /** Versions whose keys are re-inserted at load: 2 with a CRC-32 trailer, 1 without. */
    static final int VERSION_REINSERTED = 2;
    static final int VERSION_WITHOUT_CHECKSUM = 1;
    private static final int HEADER_BYTES = MAGIC.length + 6 * 4;

    /** How the n-grams of orders 2 and up are laid out. */
    public enum Layout {
        /** Hash tables: the fastest queries, 16 bytes an n-gram at 1.5x capacity (12 at the highest order). */
        PROBING(1),
        /** A bit-packed trie: the smallest file, optionally with quantised values. */
        TRIE(2);

        final int code;

        Layout(int code) {
            this.code = code;
        }

        static Layout of(int code) {
            for (Layout l : values()) {
                if (l.code == code) {
                    return l;
                }
            }
            return null;
        }
    }

    private BinaryFormat() {
    }

    /** True when {@code path} starts with the binary magic. */
    public static boolean isBinary(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a compiled model in the probing layout (its tables as they are). */
    public static void write(NgramModel model, Path path) {
        if (!(model.index instanceof ProbingIndex index)) {
            throw new IllegalArgumentException("only probing tables can be rewritten; build a trie from the ARPA file");
        }
        long[] counts = new long[model.order];
        for (int n = 1; n <= model.order; n++) {
            counts[n - 1] = model.count(n);
        }
        write(path, out -> {
            header(out, Layout.PROBING, model.vocabulary, counts, index.uniProb, index.uniBackoff);
            for (int n = 2; n <= model.order; n++) {
                ProbingTable t = index.tables[n].compacted();
                out.int64(t.capacity());
                for (int c = 0; c < t.chunkCount(); c++) {
                    out.bytes(t.chunk(c));
                }
                out.pad();
            }
        });
    }

    /**
     * Writes {@code tables} in {@code layout}; for the trie, {@code probBits} and {@code backoffBits}
     * (1..16) quantise the values of orders 2 and up, 0 keeps them as floats.
     */
    public static void write(BackoffTables tables, Path path, Layout layout, int probBits, int backoffBits) {
        if (layout == Layout.PROBING) {
            write(NgramModel.of(tables), path);
            return;
        }
        checkBits(probBits, backoffBits);
        // heap tables only to find the blanks, without the highest order's: gone before the trie is sorted
        writeTrie(tables, Blanks.fill(tables, ProbingIndex.of(tables, tables.order() - 1)), path, probBits, backoffBits);
    }

    /**
     * Converts an ARPA file to {@code layout} (bits as {@link #write(BackoffTables, Path, Layout, int, int)}).
     * The probing tables are built as the file is read; the trie keeps the file's rows for sorting
     * and finds their blanks as they are read.
     */
    public static void convert(Path arpa, Path path, Layout layout, int probBits, int backoffBits) {
        if (layout == Layout.PROBING) {
            write(ArpaReader.read(arpa, new ProbingBuilder()), path);
            return;
        }
        checkBits(probBits, backoffBits);
        TrieInput input = ArpaReader.read(arpa, new TrieInput());
        try {
            writeTrie(input.tables, input.blanks, path, probBits, backoffBits);
        } catch (InputFormatException e) {
            // a model error (an n-gram listed twice) is the file's; the output's errors name their file
            throw e.file() != null ? e : new InputFormatException(arpa, 0, e.getMessage());
        }
    }

    /** A file's rows kept whole for the trie, and its blanks found as they arrive. */
    private static final class TrieInput implements ArpaReader.Sink<TrieInput> {
        private final ArpaReader.TablesSink rows = new ArpaReader.TablesSink();
        private ProbingBuilder parts;
        private BackoffTables tables;
        private OrderEntries[] blanks;

        @Override
        public void unigrams(Vocabulary vocabulary, OrderEntries unigrams, long[] counts) {
            rows.unigrams(vocabulary, unigrams, counts);
            parts = new ProbingBuilder(counts.length - 1);  // the highest order is never searched
            parts.unigrams(vocabulary, unigrams, counts);
        }

        @Override
        public void order(int n, int capacity) {
            rows.order(n, capacity);
            parts.order(n, capacity);
        }

        @Override
        public void rows(OrderEntries block, int[] lines) {
            rows.rows(block, lines);
            parts.rows(block, lines);
        }

        @Override
        public TrieInput finish() {
            tables = rows.finish();
            parts.finish();
            blanks = parts.blanks();
            parts = null;
            return this;
        }
    }

    private static void checkBits(int probBits, int backoffBits) {
        if (probBits < 0 || probBits > 16 || backoffBits < 0 || backoffBits > 16) {
            throw new IllegalArgumentException("quantisation takes 1 to 16 bits (0: none)");
        }
    }

    private static void writeTrie(BackoffTables tables, OrderEntries[] blanks, Path path, int probBits, int backoffBits) {
        TrieWriter trie = new TrieWriter(tables, blanks);
        OrderEntries unigrams = tables.entries(1);
        float[] uniProb = java.util.Arrays.copyOf(unigrams.probArray(), unigrams.size());
        float[] uniBackoff = java.util.Arrays.copyOf(unigrams.backoffArray(), unigrams.size());
        long[] counts = new long[tables.order()];
        counts[0] = tables.vocabulary().size();
        for (int n = 2; n <= tables.order(); n++) {
            counts[n - 1] = trie.rows(n);
        }
        write(path, out -> {
            header(out, Layout.TRIE, tables.vocabulary(), counts, uniProb, uniBackoff);
            if (tables.order() > 1) {
                for (int next : trie.unigramNext()) {
                    out.int32(next);
                }
                out.pad();
            }
            trie.writeLevels(out, probBits, backoffBits);
        });
    }

    private interface Body {
        void write(LittleEndianOutput out) throws IOException;
    }

    private static void write(Path path, Body body) {
        try (AtomicOutput atomic = AtomicOutput.create(path)) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(atomic.stream(), 1 << 16), new CRC32C());
            LittleEndianOutput out = new LittleEndianOutput(checked);
            body.write(out);
            out.flush();
            long crc = checked.getChecksum().getValue();
            out.int64(crc);
            out.flush();
            atomic.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(LittleEndianOutput out, Layout layout, Vocabulary vocab, long[] counts,
            float[] uniProb, float[] uniBackoff) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String w : vocab.words()) {
            sb.append(w).append('\n');
        }
        byte[] words = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.bytes(MAGIC);
        out.int32(VERSION);
        out.int32(layout.code);
        out.int32(counts.length);
        out.int32(vocab.size());
        out.int32(words.length);
        out.int32(0);
        for (long c : counts) {
            out.int64(c);
        }
        out.bytes(words);
        out.pad();
        for (float f : uniProb) {
            out.float32(f);
        }
        for (float f : uniBackoff) {
            out.float32(f);
        }
        out.pad();
    }

    public static NgramModel read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC.length + 4) {
                throw new InputFormatException(path, 0, "binary model is truncated or corrupt");
            }
            MappedRegion file = MappedRegion.map(ch, 0, size);
            byte[] magic = new byte[MAGIC.length];
            file.get(0, magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InputFormatException(path, 0, "not a binary n-gram model (bad magic)");
            }
            int version = file.getInt(MAGIC.length);
            if (version == VERSION_REINSERTED || version == VERSION_WITHOUT_CHECKSUM) {
                return ReinsertedFormat.read(path, ch, version);
            }
            if (version != VERSION) {
                throw new InputFormatException(path, 0, "binary model version " + version + ", expected " + VERSION);
            }
            return new Reader(path, ch, file).read();
        } catch (IOException e) {
            throw new InputFormatException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    /** One pass over a version 3 file: every section's bounds, then the checksum, then the index. */
    private static final class Reader {
        private final Path path;
        private final FileChannel channel;
        private final MappedRegion file;
        /** The checksum's offset: the end of the body. */
        private final long end;
        private long pos;

        Reader(Path path, FileChannel channel, MappedRegion file) {
            this.path = path;
            this.channel = channel;
            this.file = file;
            this.end = file.length() - 8;
        }

        private InputFormatException corrupt(String what) {
            return new InputFormatException(path, 0, "binary model is truncated or corrupt: " + what);
        }

        /** Claims {@code bytes} from the current position; returns where they start. */
        private long take(long bytes, String what) {
            if (bytes < 0 || pos + bytes > end || pos + bytes < pos) {
                throw corrupt("its header declares " + what + " past the file's " + file.length() + " bytes");
            }
            long at = pos;
            pos += bytes;
            return at;
        }

        private void align() {
            pos = (pos + 7) & ~7L;
        }

        NgramModel read() throws IOException {
            if (end < HEADER_BYTES) {
                throw corrupt("shorter than its header");
            }
            pos = MAGIC.length + 4;
            Layout layout = Layout.of(file.getInt(pos));
            int order = file.getInt(pos + 4);
            int v = file.getInt(pos + 8);
            int wordBytes = file.getInt(pos + 12);
            pos = HEADER_BYTES;
            if (layout == null || order < 1 || order > 64 || v < 1 || wordBytes < v) {
                throw corrupt("bad header");
            }
            long countsAt = take(8L * order, "the n-gram counts");
            long[] counts = new long[order];
            for (int n = 0; n < order; n++) {
                counts[n] = file.getLong(countsAt + 8L * n);
                if (counts[n] < 0 || counts[n] > Integer.MAX_VALUE - 8) {
                    throw corrupt("bad " + (n + 1) + "-gram count " + counts[n]);
                }
            }
            if (counts[0] != v) {
                throw corrupt("unigram count and vocabulary size differ");
            }
            long wordsAt = take(wordBytes, wordBytes + " bytes of vocabulary");
            align();
            long uniAt = take(8L * v, "the unigrams");
            align();
            // every section's bounds (and a trie's few quantiser bins) before the checksum; nothing large is allocated
            long[] slotsAt = layout == Layout.PROBING ? probingSections(order, counts) : null;
            TrieSections trie = layout == Layout.TRIE ? trieSections(order, v, counts) : null;
            if (pos != end) {
                throw corrupt((end - pos) + " bytes after the last section");
            }
            if (checksum() != file.getLong(end)) {
                throw new InputFormatException(path, 0, "binary model is corrupt: checksum mismatch");
            }
            byte[] wb = new byte[wordBytes];
            file.get(wordsAt, wb);
            Vocabulary vocabulary = Vocabulary.of(words(wb, v));
            float[] uniProb = new float[v];
            float[] uniBackoff = new float[v];
            file.get(uniAt, uniProb);
            file.get(uniAt + 4L * v, uniBackoff);
            NgramIndex index = layout == Layout.PROBING ? new ProbingIndex(uniProb, uniBackoff, probingTables(order, counts, slotsAt))
                    : trie(order, v, counts, trie, uniProb, uniBackoff);
            return new NgramModel(vocabulary, index);
        }

        private List<String> words(byte[] wb, int v) {
            List<String> words = new ArrayList<>(v);
            int from = 0;
            for (int i = 0; i < wb.length; i++) {
                if (wb[i] == '\n') {
                    words.add(new String(wb, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            if (words.size() != v || from != wb.length) {
                throw corrupt("vocabulary size");
            }
            return words;
        }

        /** Offsets of each order's slots; the capacities are checked against the counts. */
        private long[] probingSections(int order, long[] counts) {
            long[] at = new long[order + 1];
            for (int n = 2; n <= order; n++) {
                long capAt = take(8, "a table size");
                long cap = file.getLong(capAt);
                if (cap < counts[n - 1] || cap > ProbingTable.MAX_CAPACITY) {
                    throw corrupt("bad " + n + "-gram table capacity " + cap);
                }
                at[n] = take(cap * ProbingTable.slotBytes(n < order), cap + " " + n + "-gram slots");
                align();
            }
            return at;
        }

        /** Each order's table over its own mapping of the slots. */
        private ProbingTable[] probingTables(int order, long[] counts, long[] at) throws IOException {
            ProbingTable[] tables = new ProbingTable[order + 1];
            for (int n = 2; n <= order; n++) {
                boolean hasBackoff = n < order;
                int cap = (int) file.getLong(at[n] - 8);
                int slotBytes = ProbingTable.slotBytes(hasBackoff);
                ByteBuffer[] chunks = new ByteBuffer[ProbingTable.chunkCount(cap)];
                for (int c = 0; c < chunks.length; c++) {
                    long first = (long) c * ProbingTable.CHUNK_SLOTS;
                    long slots = Math.min(ProbingTable.CHUNK_SLOTS, cap - first);
                    chunks[c] = channel.map(FileChannel.MapMode.READ_ONLY, at[n] + first * slotBytes, slots * slotBytes)
                            .order(ByteOrder.LITTLE_ENDIAN);
                }
                tables[n] = ProbingTable.over(chunks, cap, hasBackoff, (int) counts[n - 1]);
            }
            return tables;
        }

        /**
         * CRC-32C of the body, read through the channel rather than the mapping: pages a query
         * never touches are then not resident (the page cache keeps them, the process does not).
         */
        private long checksum() throws IOException {
            CRC32C crc = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < end; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw corrupt("the file shrank while it was read");
                }
                crc.update(buffer.flip());
                at += n;
            }
            return crc.getValue();
        }

        /** Where a trie's unigram pointers start, and its levels (orders 2 and up) over the mapped file. */
        private record TrieSections(long pointersAt, TrieIndex.Level[] levels) {
        }

        /** Each level's header checked and its bins read; the bit arrays stay in the mapping. */
        private TrieSections trieSections(int order, int v, long[] counts) {
            TrieIndex.Level[] levels = new TrieIndex.Level[order + 1];
            if (order == 1) {
                return new TrieSections(0, levels);
            }
            long pointersAt = take(4L * (v + 1), "the unigram pointers");
            align();
            for (int n = 2; n <= order; n++) {
                long h = take(24, "a trie level header");
                boolean top = n == order;
                int wordBits = file.getInt(h);
                int probBits = file.getInt(h + 4);
                int backoffBits = file.getInt(h + 8);
                int nextBits = file.getInt(h + 12);
                int probBins = file.getInt(h + 16);
                int backoffBins = file.getInt(h + 20);
                boolean ok = wordBits == TrieWriter.bitsFor(v - 1)
                        && (probBins == 0 ? probBits == 31 || probBits == 32 : probBits >= 1 && probBits <= 16 && probBins == 1 << probBits)
                        && (top ? backoffBits == 0 && backoffBins == 0 && nextBits == 0
                                : (backoffBins == 0 ? backoffBits == 32 : backoffBits >= 1 && backoffBits <= 16 && backoffBins == 1 << backoffBits)
                                && nextBits == TrieWriter.bitsFor(counts[n]));
                if (!ok) {
                    throw corrupt("bad field widths of the " + n + "-grams");
                }
                long binsAt = take(4L * (probBins + backoffBins), "quantiser bins");
                align();
                float[] pb = probBins == 0 ? null : new float[probBins];
                float[] bb = backoffBins == 0 ? null : new float[backoffBins];
                if (pb != null) {
                    file.get(binsAt, pb);
                }
                if (bb != null) {
                    file.get(binsAt + 4L * probBins, bb);
                }
                long entries = counts[n - 1] + (top ? 0 : 1);
                long arrayAt = take(TrieIndex.Level.bytes(entries, wordBits + probBits + backoffBits + nextBits),
                        "the " + n + "-gram array");
                align();
                levels[n] = new TrieIndex.Level(wordBits, probBits, backoffBits, nextBits, counts[n - 1], pb, bb, file, arrayAt);
            }
            return new TrieSections(pointersAt, levels);
        }

        private NgramIndex trie(int order, int v, long[] counts, TrieSections sections, float[] uniProb, float[] uniBackoff) {
            int[] uniNext = new int[v + 1];
            if (order > 1) {
                file.get(sections.pointersAt(), uniNext);
                checkPointers(uniNext, counts[1], "unigram");
            }
            return new TrieIndex(uniProb, uniBackoff, uniNext, sections.levels(), path.toString());
        }

        private void checkPointers(int[] next, long children, String what) {
            for (int i = 0; i < next.length; i++) {
                if ((i == 0 && next[i] != 0) || (i > 0 && next[i] < next[i - 1]) || (i == next.length - 1 && next[i] != children)) {
                    throw corrupt("the " + what + " pointers leave the next order");
                }
            }
        }
    }
}
