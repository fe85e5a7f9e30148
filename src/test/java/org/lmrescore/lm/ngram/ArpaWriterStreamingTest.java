package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.Vocabulary;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArpaWriterStreamingTest {
    @TempDir
    Path dir;

    /**
     * Orders handed over in parts (one part, three parts, none for an empty order) through a queue
     * too small for any of them: the same file as the whole tables give, and the collector puts
     * the same tables together.
     */
    @Test
    void partsMakeTheSameFileAsWholeOrders() throws Exception {
        Vocabulary vocab = Vocabulary.of(List.of("<s>", "</s>", "a", "b"));
        OrderEntries uni = new OrderEntries(1, 4);
        for (int i = 0; i < 4; i++) {
            uni.add(new int[] {i}, 0, -0.5f - i, i == 1 ? 0f : -0.25f * i);
        }
        OrderEntries bi = new OrderEntries(2, 5);
        int[][] bigrams = {{0, 2}, {2, 3}, {3, 2}, {2, 1}, {3, 1}};
        for (int i = 0; i < bigrams.length; i++) {
            bi.add(bigrams[i], 0, -0.125f * (i + 1), -0.0625f * i);
        }
        OrderEntries tri = new OrderEntries(3, 0);
        BackoffTables whole = new BackoffTables(vocab, new OrderEntries[] {uni, bi, tri});
        StringWriter expected = new StringWriter();
        ArpaWriter.write(whole, expected);

        Path out = dir.resolve("parts.arpa");
        OrderSink.Collector collected = new OrderSink.Collector();
        try (ArpaWriter.Streaming streaming = new ArpaWriter.Streaming(out, 1)) {
            OrderSink sink = OrderSink.both(streaming, collected);
            sink.begin(vocab, new long[] {4, 5, 0});
            sink.order(uni);
            for (int[] range : new int[][] {{0, 2}, {2, 3}, {3, 5}}) {
                OrderEntries part = new OrderEntries(2, 2);
                for (int i = range[0]; i < range[1]; i++) {
                    part.add(bigrams[i], 0, bi.prob(i), bi.backoff(i));
                }
                sink.order(part);
            }
            sink.end();
        }
        assertEquals(expected.toString(), Files.readString(out, StandardCharsets.UTF_8));
        StringWriter fromCollector = new StringWriter();
        ArpaWriter.write(collected.tables(), fromCollector);
        assertEquals(expected.toString(), fromCollector.toString());
    }

    /**
     * A part larger than the writer's slice (formatted in slices on several threads, written in
     * order), after parts of another order: the file is still the whole tables' file.
     */
    @Test
    void aPartLargerThanASliceIsWrittenInOrder() throws Exception {
        int words = 700;
        java.util.ArrayList<String> names = new java.util.ArrayList<>(List.of("<s>", "</s>"));
        for (int i = 2; i < words; i++) {
            names.add("w" + i);
        }
        Vocabulary vocab = Vocabulary.of(names);
        OrderEntries uni = new OrderEntries(1, words);
        for (int i = 0; i < words; i++) {
            uni.add(new int[] {i}, 0, -1f - i / 1000f, -0.5f + i / 2000f);
        }
        int bigrams = LevelFile.CHUNK_ROWS * 5 / 2;
        OrderEntries bi = new OrderEntries(2, bigrams);
        for (int i = 0; i < bigrams; i++) {
            bi.add(new int[] {i % words, (i / words) % words}, 0, -(i % 977) / 97f, 0f);
        }
        BackoffTables whole = new BackoffTables(vocab, new OrderEntries[] {uni, bi});
        StringWriter expected = new StringWriter();
        ArpaWriter.write(whole, expected);

        Path out = dir.resolve("large.arpa");
        try (ArpaWriter.Streaming streaming = new ArpaWriter.Streaming(out, 1 << 20)) {
            streaming.begin(vocab, new long[] {words, bigrams});
            streaming.order(uni);
            streaming.order(bi);
            streaming.end();
        }
        assertEquals(expected.toString(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
