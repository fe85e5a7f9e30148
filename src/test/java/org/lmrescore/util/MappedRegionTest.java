package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MappedRegionTest {
    @TempDir
    Path dir;

    private static final long GIB = 1L << 30;

    /** Writes {@code value} little-endian at {@code pos} of a sparse file. */
    private static void putLong(RandomAccessFile f, long pos, long value) throws Exception {
        f.seek(pos);
        f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private static long value(int i) {
        return 0x0102030405060708L * (i + 1);
    }

    /**
     * A region over 1 GiB (a sparse file, so no disk is used) is read the same on both sides of
     * its chunk boundary and across it; a smaller region (one chunk) too.
     */
    @Test
    void readsAreTheFileBytesOnBothSidesOfAChunkBoundary() throws Exception {
        Path p = dir.resolve("sparse.bin");
        // the long at GIB - 4 straddles the boundary between the first and second chunk
        long[] at = {0, 12, GIB - 16, GIB - 4, GIB + 8, GIB + 40};
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(GIB + 64);
            for (int i = 0; i < at.length; i++) {
                putLong(f, at[i], value(i));
            }
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            MappedRegion whole = MappedRegion.map(ch, 0, GIB + 64);
            assertEquals(GIB + 64, whole.length());
            for (int i = 0; i < at.length; i++) {
                assertEquals(value(i), whole.getLong(at[i]), "long at " + at[i]);
                assertEquals((int) value(i), whole.getInt(at[i]), "int at " + at[i]);
            }
            byte[] across = new byte[8];
            whole.get(GIB - 4, across);
            assertArrayEquals(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value(3)).array(), across);

            // a region of one chunk, starting inside the file
            MappedRegion small = MappedRegion.map(ch, GIB - 16, 64);
            assertEquals(value(2), small.getLong(0));
            assertEquals(value(3), small.getLong(12));
            assertEquals(value(4), small.getLong(24));
            assertEquals(value(5), small.getLong(56));
        }
    }
}
