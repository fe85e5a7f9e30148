package org.lmrescore.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A read-only, little-endian memory map of part of a file of any length: buffers index with ints,
 * so the region is mapped as 1 GiB chunks, each overlapping the next by 8 bytes so that any read
 * of up to 8 bytes falls inside one chunk. Reads are positional and bounds-checked; the mapping
 * outlives the channel it came from.
 */
public final class MappedRegion {
    private static final int CHUNK_BITS = 30;
    private static final long CHUNK = 1L << CHUNK_BITS;
    private static final int OVERLAP = 8;

    private final ByteBuffer[] chunks;
    private final long length;
    /** The one chunk of a region under 1 GiB, read without choosing a chunk; null for a larger region. */
    private final ByteBuffer single;

    private MappedRegion(ByteBuffer[] chunks, long length) {
        this.chunks = chunks;
        this.length = length;
        this.single = chunks.length == 1 ? chunks[0] : null;
    }

    /** Maps {@code length} bytes of {@code channel} from {@code offset}. */
    public static MappedRegion map(FileChannel channel, long offset, long length) throws IOException {
        int n = (int) Math.max(1, (length + CHUNK - 1) >>> CHUNK_BITS);
        ByteBuffer[] chunks = new ByteBuffer[n];
        for (int c = 0; c < n; c++) {
            long from = c * CHUNK;
            long size = Math.min(length - from, CHUNK + OVERLAP);
            chunks[c] = channel.map(FileChannel.MapMode.READ_ONLY, offset + from, Math.max(0, size))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        return new MappedRegion(chunks, length);
    }

    public long length() {
        return length;
    }

    private ByteBuffer chunk(long pos) {
        return chunks[(int) (pos >>> CHUNK_BITS)];
    }

    public long getLong(long pos) {
        ByteBuffer b = single;
        if (b != null) {
            return b.getLong((int) pos);
        }
        return chunk(pos).getLong((int) (pos & (CHUNK - 1)));
    }

    public int getInt(long pos) {
        return chunk(pos).getInt((int) (pos & (CHUNK - 1)));
    }

    public float getFloat(long pos) {
        return chunk(pos).getFloat((int) (pos & (CHUNK - 1)));
    }

    /** Copies {@code dst.length} bytes from {@code pos}. */
    public void get(long pos, byte[] dst) {
        for (int done = 0; done < dst.length; ) {
            long at = pos + done;
            int n = (int) Math.min(dst.length - done, CHUNK - (at & (CHUNK - 1)));
            chunk(at).get((int) (at & (CHUNK - 1)), dst, done, n);
            done += n;
        }
    }

    /** Copies {@code dst.length} floats from {@code pos}. */
    public void get(long pos, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = getFloat(pos + 4L * i);
        }
    }

    /** Copies {@code dst.length} ints from {@code pos}. */
    public void get(long pos, int[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = getInt(pos + 4L * i);
        }
    }
}
