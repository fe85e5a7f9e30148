package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary n-gram file: what {@code build-binary} writes and {@link NgramModels#load} maps.
 * Little-endian, sections 8-byte aligned:
 * <pre>
 *   "LMRNGRAM" magic, int version (1), int order, int vocabulary size, int vocabulary bytes,
 *   long count[order]                  entries per order (blanks included)
 *   vocabulary                         words in id order, UTF-8, each ended by '\n'
 *   float prob[V], float backoff[V]    unigrams, log10
 *   per order n = 2..order:  long key[count], float prob[count], float backoff[count] (not for n = order)
 *   long crc                           CRC32 of every byte before it (version 2; version 1 files have none)
 * </pre>
 * Every size is checked against the file's length before anything is allocated, and the
 * checksum before the model is used: a flipped byte would silently change words or scores.
 * Keys are {@link NgramHash} values, so the file holds no word ids above unigrams: about 16 bytes
 * per n-gram (12 at the highest order). Loading is one mapped read plus re-inserting the keys
 * into the probing tables.
 */
public final class BinaryFormat {
    static final byte[] MAGIC = "LMRNGRAM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    /** The version before the checksum; still read. */
    static final int VERSION_WITHOUT_CHECKSUM = 1;

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

    public static void write(NgramModel model, Path path) {
        try (AtomicOutput out = AtomicOutput.create(path)) {
            java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(
                    new java.io.BufferedOutputStream(out.stream(), 1 << 16), new java.util.zip.CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            LittleEndianOut le = new LittleEndianOut(data);
            write(model, le);
            data.flush();
            le.int64(checked.getChecksum().getValue());
            data.flush();
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(NgramModel model, LittleEndianOut out) throws IOException {
        int order = model.order;
        Vocabulary vocab = model.vocabulary;
        StringBuilder sb = new StringBuilder();
        for (String w : vocab.words()) {
            sb.append(w).append('\n');
        }
        byte[] words = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.bytes(MAGIC);
        out.int32(VERSION);
        out.int32(order);
        out.int32(vocab.size());
        out.int32(words.length);
        for (int n = 1; n <= order; n++) {
            out.int64(model.count(n));
        }
        out.bytes(words);
        out.pad();
        for (float f : model.uniProb) {
            out.float32(f);
        }
        for (float f : model.uniBackoff) {
            out.float32(f);
        }
        out.pad();
        for (int n = 2; n <= order; n++) {
            ProbingTable t = model.tables[n];
            long[] keys = new long[t.size()];
            long[] values = new long[t.size()];
            int c = t.export(keys, values);
            for (int i = 0; i < c; i++) {
                out.int64(keys[i]);
            }
            for (int i = 0; i < c; i++) {
                out.float32(ProbingTable.prob(values[i]));
            }
            if (n < order) {
                for (int i = 0; i < c; i++) {
                    out.float32(ProbingTable.backoff(values[i]));
                }
            }
            out.pad();
        }
    }

    public static NgramModel read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new InputFormatException(path, 0, "binary model larger than 2 GB is not supported");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map.order(ByteOrder.LITTLE_ENDIAN);
            return read(path, map);
        } catch (IOException e) {
            throw new InputFormatException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    private static NgramModel read(Path path, ByteBuffer buf) {
        try {
            byte[] magic = new byte[MAGIC.length];
            buf.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InputFormatException(path, 0, "not a binary n-gram model (bad magic)");
            }
            int version = buf.getInt();
            if (version != VERSION && version != VERSION_WITHOUT_CHECKSUM) {
                throw new InputFormatException(path, 0, "binary model version " + version + ", expected " + VERSION);
            }
            int order = buf.getInt();
            int v = buf.getInt();
            int wordBytes = buf.getInt();
            if (order < 1 || order > 64 || v < 1 || wordBytes < v) {
                throw new InputFormatException(path, 0, "corrupt binary model header");
            }
            long[] counts = new long[order];
            for (int n = 0; n < order; n++) {
                counts[n] = buf.getLong();
                if (counts[n] < 0 || counts[n] > Integer.MAX_VALUE - 8) {
                    throw new InputFormatException(path, 0, "corrupt binary model header");
                }
            }
            long expected = expectedSize(order, v, wordBytes, counts, version == VERSION);
            if (expected != buf.limit()) {
                throw new InputFormatException(path, 0, "binary model is truncated or corrupt: its header declares "
                        + expected + " bytes, the file has " + buf.limit());
            }
            if (version == VERSION) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                ByteBuffer body = buf.duplicate();
                body.position(0).limit(buf.limit() - 8);
                crc.update(body);
                if (crc.getValue() != buf.getLong(buf.limit() - 8)) {
                    throw new InputFormatException(path, 0, "binary model is corrupt: checksum mismatch");
                }
                buf.limit(buf.limit() - 8);
            }
            byte[] wb = new byte[wordBytes];
            buf.get(wb);
            align(buf);
            List<String> words = new ArrayList<>(v);
            int from = 0;
            for (int i = 0; i < wordBytes; i++) {
                if (wb[i] == '\n') {
                    words.add(new String(wb, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            if (words.size() != v) {
                throw new InputFormatException(path, 0, "corrupt binary model: vocabulary size");
            }
            float[] uniProb = new float[v];
            float[] uniBackoff = new float[v];
            buf.asFloatBuffer().get(uniProb);
            buf.position(buf.position() + 4 * v);
            buf.asFloatBuffer().get(uniBackoff);
            buf.position(buf.position() + 4 * v);
            align(buf);
            ProbingTable[] tables = new ProbingTable[order + 1];
            long[] keys = new long[0];
            float[] prob = new float[0];
            float[] backoff = new float[0];
            for (int n = 2; n <= order; n++) {
                int c = (int) counts[n - 1];
                if (keys.length < c) {
                    keys = new long[c];
                    prob = new float[c];
                    backoff = new float[c];
                }
                buf.asLongBuffer().get(keys, 0, c);
                buf.position(buf.position() + 8 * c);
                buf.asFloatBuffer().get(prob, 0, c);
                buf.position(buf.position() + 4 * c);
                if (n < order) {
                    buf.asFloatBuffer().get(backoff, 0, c);
                    buf.position(buf.position() + 4 * c);
                } else {
                    Arrays.fill(backoff, 0, c, 0f);
                }
                align(buf);
                ProbingTable t = new ProbingTable(c);
                for (int i = 0; i < c; i++) {
                    t.put(keys[i], prob[i], backoff[i]);
                }
                tables[n] = t;
            }
            if (buf.remaining() != 0) {
                throw new InputFormatException(path, 0, "corrupt binary model: " + buf.remaining() + " trailing bytes");
            }
            return new NgramModel(Vocabulary.of(words), uniProb, uniBackoff, tables);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InputFormatException(path, 0, "binary model is truncated or corrupt");
        }
    }

    /** The length of a file with this header, as {@link #write} lays it out. */
    private static long expectedSize(int order, int v, int wordBytes, long[] counts, boolean checksum) {
        long p = MAGIC.length + 4 * 4 + 8L * order + wordBytes;
        p = (p + 7) & ~7L;
        p += 8L * v;
        p = (p + 7) & ~7L;
        for (int n = 2; n <= order; n++) {
            p += counts[n - 1] * (n < order ? 16 : 12);
            p = (p + 7) & ~7L;
        }
        return p + (checksum ? 8 : 0);
    }

    private static void align(ByteBuffer buf) {
        int p = buf.position();
        int aligned = (p + 7) & ~7;
        if (aligned > buf.limit()) {
            throw new java.nio.BufferUnderflowException();
        }
        buf.position(aligned);
    }

    /** A little-endian writer that tracks its offset for alignment. */
    private static final class LittleEndianOut {
        private final DataOutputStream out;
        private long written;

        LittleEndianOut(DataOutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        void int32(int v) throws IOException {
            out.writeInt(Integer.reverseBytes(v));
            written += 4;
        }

        void int64(long v) throws IOException {
            out.writeLong(Long.reverseBytes(v));
            written += 8;
        }

        void float32(float f) throws IOException {
            int32(Float.floatToRawIntBits(f));
        }

        void pad() throws IOException {
            while ((written & 7) != 0) {
                out.write(0);
                written++;
            }
        }
    }
}
