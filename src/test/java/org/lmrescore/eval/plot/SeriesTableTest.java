package org.lmrescore.eval.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesTableTest {
    @TempDir
    Path dir;

    @Test
    void groupsRowsBySeriesInOrderOfFirstAppearanceAndSkipsEmptyValues() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "model,epoch,ppl\nb,0,300\na,0,310.5\nb,1,250\n\"a\",1,\na,2,240\n");
        SeriesTable t = SeriesTable.read(csv, "model", "epoch", "ppl");
        assertEquals(2, t.series().size());
        assertEquals("b", t.series().get(0).name());
        assertEquals(2, t.series().get(0).points().size());
        assertArrayEquals(new double[] {1, 250}, t.series().get(0).points().get(1));
        SeriesTable.Series a = t.series().get(1);
        assertEquals(2, a.points().size(), "the empty ppl cell of a at epoch 1 is skipped");
        assertArrayEquals(new double[] {2, 240}, a.points().get(1));
    }

    @Test
    void withoutSeriesColumnOneSeriesNamedAfterY() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "lambda,wer\n0,20\n0.5,18\n");
        SeriesTable t = SeriesTable.read(csv, null, "lambda", "wer");
        assertEquals(1, t.series().size());
        assertEquals("wer", t.series().get(0).name());
    }

    @Test
    void badCellsAndMissingColumnsNameFileLineAndColumn() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "lambda,wer\n0,20\n0.5,abc\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> SeriesTable.read(csv, null, "lambda", "wer"));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains(":3") && e.getMessage().contains("'wer'")
                && e.getMessage().contains("abc"), e.getMessage());
        e = assertThrows(InputFormatException.class, () -> SeriesTable.read(csv, null, "lambda", "ppl"));
        assertTrue(e.getMessage().contains("no column 'ppl'"), e.getMessage());
        Files.writeString(csv, "lambda,wer\n0,20,7\n");
        e = assertThrows(InputFormatException.class, () -> SeriesTable.read(csv, null, "lambda", "wer"));
        assertTrue(e.getMessage().contains(":2") && e.getMessage().contains("expected 2 fields"), e.getMessage());
    }
}
