package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary files of versions 1 and 2, read for models built before {@link BinaryFormat} version 3:
 * the hash keys and values of each order, re-inserted into heap tables at load.
 * <pre>
 *   "LMRNGRAM" magic, int version, int order, int vocabulary size, int vocabulary bytes,
 *   long count[order], vocabulary, float prob[V], float backoff[V],
 *   per order n = 2..order:  long key[count], float prob[count], float backoff[count] (not for n = order)
 *   long crc                 CRC32 of every byte before it (version 2 only)
 * </pre>
 */
final class ReinsertedFormat {
    private ReinsertedFormat() {
    }

    static NgramModel read(Path path, FileChannel ch, int version) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE) {
            throw new InputFormatException(path, 0, "binary model of version " + version + " larger than 2 GB");
        }
        ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        try {
            buf.position(BinaryFormat.MAGIC.length + 4);
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
            boolean checksum = version == BinaryFormat.VERSION_REINSERTED;
            long expected = expectedSize(order, v, wordBytes, counts, checksum);
            if (expected != buf.limit()) {
                throw new InputFormatException(path, 0, "binary model is truncated or corrupt: its header declares "
                        + expected + " bytes, the file has " + buf.limit());
            }
            if (checksum) {
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
            for (int n = 2; n <= order; n++) {
                int c = (int) counts[n - 1];
                long[] keys = new long[c];
                float[] prob = new float[c];
                float[] backoff = new float[c];
                buf.asLongBuffer().get(keys, 0, c);
                buf.position(buf.position() + 8 * c);
                buf.asFloatBuffer().get(prob, 0, c);
                buf.position(buf.position() + 4 * c);
                if (n < order) {
                    buf.asFloatBuffer().get(backoff, 0, c);
                    buf.position(buf.position() + 4 * c);
                }
                align(buf);
                ProbingTable t = ProbingTable.allocate(c, n < order);
                for (int i = 0; i < c; i++) {
                    t.put(keys[i], prob[i], backoff[i]);
                }
                tables[n] = t;
            }
            if (buf.remaining() != 0) {
                throw new InputFormatException(path, 0, "corrupt binary model: " + buf.remaining() + " trailing bytes");
            }
            return new NgramModel(Vocabulary.of(words), new ProbingIndex(uniProb, uniBackoff, tables));
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InputFormatException(path, 0, "binary model is truncated or corrupt");
        }
    }

    /** The length of a file with this header. */
    private static long expectedSize(int order, int v, int wordBytes, long[] counts, boolean checksum) {
        long p = BinaryFormat.MAGIC.length + 4 * 4 + 8L * order + wordBytes;
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
}
