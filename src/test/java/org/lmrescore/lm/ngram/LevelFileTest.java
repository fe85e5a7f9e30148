package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class LevelFileTest {
    @TempDir
    Path dir;

    /** Rows over two and a half chunks come back in order, whole and chunk by chunk, with the order's statistics. */
    @Test
    void rowsComeBackAcrossChunksWithTheirStatistics() throws Exception {
        int rows = LevelFile.CHUNK_ROWS * 5 / 2;
        int[] words = new int[rows * 3];
        long[] adjusted = new long[rows];
        long[] expectedCountsOfCounts = new long[5];
        LevelFile.Writer out = LevelFile.create(3, dir);
        for (int i = 0; i < rows; i++) {
            words[i * 3] = i;
            words[i * 3 + 1] = i * 7;
            words[i * 3 + 2] = Integer.MAX_VALUE - i;
            adjusted[i] = 1 + (i % 6) + (i == 5 ? 5_000_000_000L : 0);
            if (adjusted[i] <= 4) {
                expectedCountsOfCounts[(int) adjusted[i]]++;
            }
            out.add(words, i * 3, adjusted[i], 100 + i);
        }
        LevelFile level = out.finish();
        assertEquals(rows, level.size());
        assertArrayEquals(words, level.words());
        assertArrayEquals(adjusted, adjustedCounts(level));
        assertArrayEquals(expectedCountsOfCounts, level.countsOfCounts());
        assertEquals(adjusted[rows - 1], level.lastAdjusted());
        assertEquals(100 + rows - 1, level.lastRaw());

        int chunks = 0;
        long next = 0;
        try (LevelFile.Reader in = level.reader()) {
            for (LevelFile.Chunk c = in.next(); c != null; c = in.next()) {
                assertEquals(next, c.first);
                assertEquals(words[(int) c.first * 3 + 1], c.words[1]);
                next += c.size;
                chunks++;
            }
            assertNull(in.next());
        }
        assertEquals(3, chunks);
        assertEquals(rows, next);
        // the chunk-parallel pass sees every row once, each chunk whole, whichever worker reads it
        long[] seen = new long[rows];
        level.forEachChunk(c -> {
            for (int r = 0; r < c.size; r++) {
                int row = (int) c.first + r;
                assertEquals(words[row * 3 + 2], c.words[r * 3 + 2]);
                seen[row] += c.adjusted[r];
            }
        });
        assertArrayEquals(adjusted, seen);
        level.close();
        try (var listing = Files.list(dir)) {
            assertFalse(listing.findAny().isPresent(), "the file is deleted on close");
        }
    }

    private static long[] adjustedCounts(LevelFile level) {
        long[] counts = new long[(int) level.size()];
        try (LevelFile.Reader in = level.reader()) {
            for (LevelFile.Chunk c = in.next(); c != null; c = in.next()) {
                System.arraycopy(c.adjusted, 0, counts, (int) c.first, c.size);
            }
        }
        return counts;
    }
}
