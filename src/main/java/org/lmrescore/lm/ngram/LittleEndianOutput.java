package org.lmrescore.lm.ngram;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A little-endian writer of the binary model file that tracks its offset, for alignment and bit packing. */
final class LittleEndianOutput {
    private final DataOutputStream out;
    private long written;
    private long bitBuffer;
    private int bitCount;

    LittleEndianOutput(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    long offset() {
        return written;
    }

    void bytes(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    /** The remaining bytes of {@code buffer}, as they are. */
    void bytes(java.nio.ByteBuffer buffer) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.nio.ByteBuffer b = buffer.duplicate();
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            out.write(chunk, 0, n);
            written += n;
        }
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

    /** Zero bytes up to the next multiple of 8. */
    void pad() throws IOException {
        while ((written & 7) != 0) {
            out.write(0);
            written++;
        }
    }

    /** Appends the low {@code width} bits of {@code value} (width <= 32) to the bit stream, least significant first. */
    void bits(long value, int width) throws IOException {
        bitBuffer |= (value & ((1L << width) - 1)) << bitCount;
        bitCount += width;
        while (bitCount >= 8) {
            out.write((int) bitBuffer);
            written++;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
    }

    /** Ends a bit stream: the partial byte, then 8 zero bytes for the reader's last 64-bit load. */
    void endBits() throws IOException {
        if (bitCount > 0) {
            out.write((int) bitBuffer);
            written++;
        }
        bitBuffer = 0;
        bitCount = 0;
        for (int i = 0; i < 8; i++) {
            out.write(0);
        }
        written += 8;
    }

    void flush() throws IOException {
        out.flush();
    }
}
