package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryFormatTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripGivesIdenticalScoresAndStates() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o5.arpa.gz");
        Path test = SharedData.require("reference/kenlm-small/small-test.txt");
        NgramModel fromArpa = NgramModels.load(arpa);
        Path bin = tmp.resolve("small.bin");
        BinaryFormat.write(fromArpa, bin);
        assertTrue(BinaryFormat.isBinary(bin));
        NgramModel fromBinary = NgramModels.load(bin);
        assertEquals(fromArpa.vocabulary().words(), fromBinary.vocabulary().words());
        for (int n = 1; n <= 5; n++) {
            assertEquals(fromArpa.count(n), fromBinary.count(n));
        }
        NgramScorer a = fromArpa.scorer();
        NgramScorer b = fromBinary.scorer();
        int words = 0;
        try (TextInput in = TextInput.open(test)) {
            String line;
            while ((line = in.readLine()) != null) {
                a.reset(fromArpa.start());
                b.reset(fromBinary.start());
                for (String w : (line + " </s>").split(" ")) {
                    int id = fromArpa.vocabulary().id(w);
                    assertEquals(a.advance(id), b.advance(id), w);
                    assertEquals(a.state(), b.state());
                    words++;
                }
            }
        }
        assertTrue(words > 7000);
    }

    @Test
    void truncatedBinaryIsAnError() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        Path bin = tmp.resolve("m.bin");
        BinaryFormat.write(NgramModels.load(arpa), bin);
        byte[] bytes = Files.readAllBytes(bin);
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(cut));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    /**
     * Every flipped byte is found (the size check or the checksum), a declared count the file
     * cannot hold is refused before anything is allocated, and a file of the version without a
     * checksum still reads, with the same scores.
     */
    @Test
    void corruptionIsFoundAndVersionOneStillReads() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        NgramModel model = NgramModels.load(arpa);
        Path bin = tmp.resolve("m.bin");
        BinaryFormat.write(model, bin);
        byte[] bytes = Files.readAllBytes(bin);
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < 20; k++) {
            byte[] flipped = bytes.clone();
            int at = r.nextInt(bytes.length);
            flipped[at] ^= (byte) (1 << r.nextInt(8));
            Path f = Files.write(tmp.resolve("flip" + k + ".bin"), flipped);
            InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(f), "byte " + at);
            assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("version")
                    || e.getMessage().contains("not an n-gram model"), e.getMessage());
        }
        // the bigram count (header offset 8 + 16 + 8) claiming 2e9
        java.nio.ByteBuffer big = java.nio.ByteBuffer.wrap(bytes.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        big.putLong(8 + 16 + 8, 2_000_000_000L);
        Path huge = Files.write(tmp.resolve("huge.bin"), big.array());
        InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(huge));
        assertTrue(e.getMessage().contains("declares"), e.getMessage());
        // version 1: the same bytes without the checksum trailer
        java.nio.ByteBuffer v1 = java.nio.ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        v1.putInt(8, 1);
        Path old = Files.write(tmp.resolve("v1.bin"), v1.array());
        NgramModel read = NgramModels.load(old);
        NgramScorer a = model.scorer().reset(model.start());
        NgramScorer b = read.scorer().reset(read.start());
        for (String w : "the cat sat on the mat </s>".split(" ")) {
            int id = model.vocabulary().id(w);
            assertEquals(a.advance(id), b.advance(id), w);
        }
    }

    /** A pruned file may hold "a b c" without its suffix "b c" or prefix "a b": scores must not change. */
    @Test
    void missingSuffixesAndPrefixesAreFilledWithoutChangingScores() throws Exception {
        String arpa = String.join("\n", "\\data\\", "ngram 1=5", "ngram 2=1", "ngram 3=1", "",
                "\\1-grams:", "-1\t<s>\t-0.3", "-0.6\t</s>", "-0.7\ta\t-0.2", "-0.8\tb\t-0.1", "-0.9\tc", "",
                "\\2-grams:", "-0.4\t<s> a\t-0.05", "",
                "\\3-grams:", "-0.3\ta b c", "",
                "\\end\\", "");
        Path p = tmp.resolve("gappy.arpa");
        Files.writeString(p, arpa);
        NgramModel m = NgramModels.load(p);
        Vocabulary v = m.vocabulary();
        int a = v.id("a");
        int b = v.id("b");
        int c = v.id("c");
        // "a b" is not in the file: p(b | a) = bo(a) + p(b); "b c" neither: p(c | b) = bo(b) + p(c)
        NgramState afterA = m.next(m.empty(), a);
        assertEquals(-0.2 - 0.8, m.log10Prob(afterA, b), 1e-6);
        NgramState afterAB = m.next(afterA, b);
        assertEquals(-0.3, m.log10Prob(afterAB, c), 1e-6, "the trigram is found through the filled prefix");
        assertEquals(-0.1 - 0.9, m.log10Prob(m.next(m.empty(), b), c), 1e-6);
        NgramScorer s = m.scorer().reset(m.empty());
        s.advance(a);
        s.advance(b);
        assertEquals(-0.3f, s.advance(c), 1e-6);
        assertEquals(3, m.count(2) + 0, "blank bigrams a b and b c added");
    }
}
