package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.LmState;
import org.lmrescore.util.InputFormatException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    private static RnnModel model() {
        List<String> words = List.of("</s>", "a", "b", "c", "d", "é");
        RnnVocabulary v = RnnVocabulary.build(words, new long[] {9, 5, 4, 1, 1, 3}, 2, 3, false);
        RnnModel m = RnnModel.create(RnnConfig.defaults().withHidden(7).withClasses(3).withDirect(50, 2).withRare(2), v);
        Random r = new Random(11);
        for (WeightBlock b : m.weights()) {
            for (int i = 0; i < b.values().length; i++) {
                b.values()[i] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void roundTripKeepsEveryWeightVocabularyAndScore() throws Exception {
        RnnModel m = model();
        Path p = dir.resolve("m.bin");
        ModelFile.write(p, m);
        RnnModel back = RnnModels.load(p);
        assertEquals(m.config(), back.config());
        assertEquals(m.vocabulary().words().words(), back.vocabulary().words().words());
        assertEquals(m.vocabulary().rareUnit(), back.vocabulary().rareUnit());
        for (int i = 0; i < m.weights().size(); i++) {
            assertEquals(m.weights().get(i).name(), back.weights().get(i).name());
            assertArrayEquals(m.weights().get(i).values(), back.weights().get(i).values());
        }
        RnnLanguageModel a = new RnnLanguageModel(m);
        RnnLanguageModel b = new RnnLanguageModel(back);
        LmState sa = a.next(a.start(), 2);
        LmState sb = b.next(b.start(), 2);
        for (int w = 0; w < a.vocabulary().size(); w++) {
            assertEquals(a.logProb(sa, w), b.logProb(sb, w), 0.0);
        }
        assertEquals(sa, sb);
    }

    @Test
    void truncatedFilesAreRefusedAtEveryLength() throws Exception {
        Path p = dir.resolve("m.bin");
        ModelFile.write(p, model());
        byte[] full = Files.readAllBytes(p);
        for (int cut : new int[] {0, 5, 12, 40, full.length / 2, full.length - 9, full.length - 1}) {
            Path t = dir.resolve("cut" + cut + ".bin");
            Files.write(t, Arrays.copyOf(full, cut));
            InputFormatException e = assertThrows(InputFormatException.class, () -> RnnModels.load(t), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(t.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not an RNN model"), e.getMessage());
        }
    }

    @Test
    void corruptedWeightsAndUnknownVersionsAreRefused() throws Exception {
        Path p = dir.resolve("m.bin");
        ModelFile.write(p, model());
        byte[] full = Files.readAllBytes(p);
        byte[] flipped = full.clone();
        flipped[full.length - 40] ^= 0x10;
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, flipped);
        InputFormatException e = assertThrows(InputFormatException.class, () -> RnnModels.load(bad));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());

        byte[] version = full.clone();
        ByteBuffer.wrap(version).putInt(8, 99);
        Path v99 = dir.resolve("v99.bin");
        Files.write(v99, version);
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(v99));
        assertTrue(e.getMessage().contains("version 99 is not supported"), e.getMessage());

        // the unit count (after magic, version, header length and header) claiming 2e9 units
        byte[] units = full.clone();
        int headerLength = ByteBuffer.wrap(full).getInt(12);
        ByteBuffer.wrap(units).putInt(16 + headerLength, 2_000_000_000);
        Path huge = dir.resolve("huge.bin");
        Files.write(huge, units);
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(huge));
        assertTrue(e.getMessage().contains("unit count 2000000000"), e.getMessage());

        // a NaN weight, checksummed as written (a model saved after it diverged)
        RnnModel diverged = model();
        diverged.weights().get(0).values()[3] = Float.NaN;
        Path nan = dir.resolve("nan.bin");
        ModelFile.write(nan, diverged);
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(nan));
        assertTrue(e.getMessage().contains("[3] is NaN"), e.getMessage());

        Path text = dir.resolve("text.bin");
        Files.writeString(text, "hello world\n");
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(text));
        assertTrue(e.getMessage().contains("not an RNN model"), e.getMessage());
    }
}
