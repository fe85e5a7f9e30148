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

    /** Every layout gives the ARPA model's scores and states on real text: exactly, or within the quantiser's error. */
    @Test
    void everyLayoutGivesTheArpaScoresAndStates() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o5.arpa.gz");
        Path test = SharedData.require("reference/kenlm-small/small-test.txt");
        BackoffTables tables = ArpaReader.read(arpa);
        NgramModel fromArpa = NgramModel.of(tables);
        Path probing = tmp.resolve("small.probing");
        BinaryFormat.write(fromArpa, probing);
        Path trie = tmp.resolve("small.trie");
        BinaryFormat.write(tables, trie, BinaryFormat.Layout.TRIE, 0, 0);
        Path quantized = tmp.resolve("small.q8.trie");
        BinaryFormat.write(tables, quantized, BinaryFormat.Layout.TRIE, 8, 8);
        assertTrue(BinaryFormat.isBinary(probing) && BinaryFormat.isBinary(trie));
        assertTrue(Files.size(trie) < Files.size(probing) / 2, Files.size(trie) + " vs " + Files.size(probing));
        assertTrue(Files.size(quantized) < Files.size(trie) * 0.7, Files.size(quantized) + " vs " + Files.size(trie));
        double[] arpaTotal = score(fromArpa, fromArpa, test, 0);
        for (Path bin : new Path[] {probing, trie}) {
            NgramModel m = NgramModels.load(bin);
            assertEquals(fromArpa.vocabulary().words(), m.vocabulary().words());
            for (int n = 1; n <= 5; n++) {
                assertEquals(fromArpa.count(n), m.count(n), bin + " order " + n);
            }
            assertEquals(arpaTotal[0], score(fromArpa, m, test, 0)[0], 0.0, bin.toString());
        }
        // 8-bit values: a word is off by its quantised terms' errors (large only in the sparse outer
        // bins), the total (the perplexity) within 0.5%
        NgramModel q = NgramModels.load(quantized);
        double qTotal = score(fromArpa, q, test, 1.0)[0];
        assertEquals(arpaTotal[0], qTotal, Math.abs(arpaTotal[0]) * 0.005);
        assertTrue(arpaTotal[1] > 7000);
    }

    /**
     * Sum of log10 p over {@code test} (with {@code </s>}) by {@code m}, checking each word against
     * {@code reference} within {@code tolerance} and, when exact, the states too; [1] the word count.
     */
    private static double[] score(NgramModel reference, NgramModel m, Path test, double tolerance) throws Exception {
        NgramScorer a = reference.scorer();
        NgramScorer b = m.scorer();
        double total = 0;
        int words = 0;
        try (TextInput in = TextInput.open(test)) {
            String line;
            while ((line = in.readLine()) != null) {
                a.reset(reference.start());
                b.reset(m.start());
                NgramState s = m.start();
                for (String w : (line + " </s>").split(" ")) {
                    int id = reference.vocabulary().id(w);
                    float expected = a.advance(id);
                    float got = b.advance(id);
                    assertEquals(expected, got, tolerance, w);
                    // the state walk of the model agrees with its scorer
                    assertEquals(got, m.log10Prob(s, id), 1e-6, w);
                    s = m.next(s, id);
                    if (tolerance == 0) {
                        assertEquals(a.state(), b.state());
                        assertEquals(a.lastMatchLength(), b.lastMatchLength());
                    }
                    total += got;
                    words++;
                }
            }
        }
        return new double[] {total, words};
    }

    @Test
    void truncatedBinaryIsAnError() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        for (BinaryFormat.Layout layout : BinaryFormat.Layout.values()) {
            Path bin = tmp.resolve("m.bin" + layout);
            BinaryFormat.write(ArpaReader.read(arpa), bin, layout, 0, 0);
            byte[] bytes = Files.readAllBytes(bin);
            Path cut = tmp.resolve("cut.bin");
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(cut));
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
    }

    /**
     * Every flipped byte is found (a bound or the checksum) in each layout, a table size the file
     * cannot hold is refused before anything is mapped, and a trie whose pointers leave the next
     * order is refused even with a valid checksum (no query can then read outside the file).
     */
    @Test
    void corruptionIsFound() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        BackoffTables tables = ArpaReader.read(arpa);
        java.util.Random r = new java.util.Random(3);
        for (BinaryFormat.Layout layout : BinaryFormat.Layout.values()) {
            Path bin = tmp.resolve("m." + layout);
            BinaryFormat.write(tables, bin, layout, layout == BinaryFormat.Layout.TRIE ? 8 : 0, 0);
            byte[] bytes = Files.readAllBytes(bin);
            for (int k = 0; k < 20; k++) {
                byte[] flipped = bytes.clone();
                int at = r.nextInt(bytes.length);
                flipped[at] ^= (byte) (1 << r.nextInt(8));
                Path f = Files.write(tmp.resolve("flip" + k + ".bin"), flipped);
                InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(f), "byte " + at);
                assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("version")
                        || e.getMessage().contains("not a binary n-gram model"), e.getMessage());
            }
        }
        // the probing bigram table's capacity (after the header, counts, vocabulary and unigrams) claiming 2e9
        NgramModel model = NgramModel.of(tables);
        Path bin = tmp.resolve("p.bin");
        BinaryFormat.write(model, bin);
        java.nio.ByteBuffer big = java.nio.ByteBuffer.wrap(Files.readAllBytes(bin)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long at = align(32 + 8 * 3 + vocabularyBytes(model.vocabulary())) + 8L * model.vocabulary().size();
        assertEquals(ProbingTable.capacityFor(model.count(2)) >= model.count(2), big.getLong((int) at) >= model.count(2));
        big.putLong((int) at, 2_000_000_000L);
        Path huge = Files.write(tmp.resolve("huge.bin"), withChecksum(big.array()));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(huge));
        assertTrue(e.getMessage().contains("declares"), e.getMessage());
        // a trie whose first unigram pointer is not 0, checksum recomputed
        Path trie = tmp.resolve("t.bin");
        BinaryFormat.write(tables, trie, BinaryFormat.Layout.TRIE, 0, 0);
        java.nio.ByteBuffer t = java.nio.ByteBuffer.wrap(Files.readAllBytes(trie)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long next = align(align(32 + 8 * 3 + vocabularyBytes(model.vocabulary())) + 8L * model.vocabulary().size());
        assertEquals(0, t.getInt((int) next));
        t.putInt((int) next, 5);
        Path bad = Files.write(tmp.resolve("bad.trie"), withChecksum(t.array()));
        e = assertThrows(InputFormatException.class, () -> NgramModels.load(bad));
        assertTrue(e.getMessage().contains("pointers"), e.getMessage());
        // every bigram pointing past the trigrams (checked as a query steps, not at load)
        t = java.nio.ByteBuffer.wrap(Files.readAllBytes(trie)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long level = align(next + 4L * (model.vocabulary().size() + 1));
        int wordBits = t.getInt((int) level);
        int nextBits = t.getInt((int) level + 12);
        assertEquals(31, t.getInt((int) level + 4));
        assertEquals(TrieWriter.bitsFor(model.count(3)), nextBits);
        int entryBits = wordBits + 31 + 32 + nextBits;
        byte[] bytes = t.array();
        for (long k = 0; k <= model.count(2); k++) {
            for (int b = 0; b < nextBits; b++) {
                long bit = 8 * (level + 24) + k * entryBits + wordBits + 63 + b;
                bytes[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        Path wild = Files.write(tmp.resolve("wild.trie"), withChecksum(bytes));
        NgramModel w = NgramModels.load(wild);
        NgramScorer s = w.scorer().reset(w.start());
        Path text = SharedData.require("reference/kenlm-small/small-test.txt");
        e = assertThrows(InputFormatException.class, () -> {
            for (String line : Files.readAllLines(text)) {
                for (String word : (line + " </s>").split(" ")) {
                    s.advance(w.vocabulary().id(word));
                }
            }
        });
        assertTrue(e.getMessage().contains("wild.trie") && e.getMessage().contains("pointers leave the 3-grams"), e.getMessage());
    }

    private static long align(long p) {
        return (p + 7) & ~7L;
    }

    private static int vocabularyBytes(Vocabulary v) {
        int n = 0;
        for (String w : v.words()) {
            n += w.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        return n;
    }

    /** The file with its CRC-32C trailer recomputed. */
    private static byte[] withChecksum(byte[] file) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, 0, file.length - 8);
        java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(file.length - 8, crc.getValue());
        return file;
    }

    /** A version 1 file, written here byte by byte after ReinsertedFormat's layout, still reads with the same scores. */
    @Test
    void versionOneStillReads() throws Exception {
        Path arpa = SharedData.require("reference/kenlm-small/small.o3.arpa.gz");
        BackoffTables t = ArpaReader.read(arpa);
        NgramModel model = NgramModel.of(t);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        LittleEndianOutput out = new LittleEndianOutput(bytes);
        StringBuilder words = new StringBuilder();
        for (String w : t.vocabulary().words()) {
            words.append(w).append('\n');
        }
        byte[] wb = words.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.bytes(BinaryFormat.MAGIC);
        out.int32(1);
        out.int32(t.order());
        out.int32(t.vocabulary().size());
        out.int32(wb.length);
        for (int n = 1; n <= t.order(); n++) {
            out.int64(t.count(n));
        }
        out.bytes(wb);
        out.pad();
        OrderEntries uni = t.entries(1);
        for (int i = 0; i < uni.size(); i++) {
            out.float32(uni.prob(i));
        }
        for (int i = 0; i < uni.size(); i++) {
            out.float32(uni.backoff(i));
        }
        out.pad();
        for (int n = 2; n <= t.order(); n++) {
            OrderEntries e = t.entries(n);
            int[] row = new int[n];
            for (int i = 0; i < e.size(); i++) {
                for (int k = 0; k < n; k++) {
                    row[k] = e.word(i, k);
                }
                out.int64(NgramHash.of(row, 0, n));
            }
            for (int i = 0; i < e.size(); i++) {
                out.float32(e.prob(i));
            }
            for (int i = 0; n < t.order() && i < e.size(); i++) {
                out.float32(e.backoff(i));
            }
            out.pad();
        }
        out.flush();
        Path old = Files.write(tmp.resolve("v1.bin"), bytes.toByteArray());
        NgramModel read = NgramModels.load(old);
        NgramScorer a = model.scorer().reset(model.start());
        NgramScorer b = read.scorer().reset(read.start());
        int scored = 0;
        for (String w : "the cat sat on the mat </s>".split(" ")) {
            int id = model.vocabulary().id(w);
            assertEquals(a.advance(id), b.advance(id), w);
            scored++;
        }
        assertEquals(7, scored);
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
        Path trie = tmp.resolve("gappy.trie");
        BinaryFormat.write(ArpaReader.read(p), trie, BinaryFormat.Layout.TRIE, 0, 0);
        Path probing = tmp.resolve("gappy.bin");
        BinaryFormat.write(NgramModels.load(p), probing);
        for (Path file : new Path[] {p, trie, probing}) {
            NgramModel m = NgramModels.load(file);
            Vocabulary v = m.vocabulary();
            int a = v.id("a");
            int b = v.id("b");
            int c = v.id("c");
            // "a b" is not in the file: p(b | a) = bo(a) + p(b); "b c" neither: p(c | b) = bo(b) + p(c)
            NgramState afterA = m.next(m.empty(), a);
            assertEquals(-0.2 - 0.8, m.log10Prob(afterA, b), 1e-6, file.toString());
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

    /** A unigram model and a bigram model in every layout: the orders without levels or pointers. */
    @Test
    void lowOrdersInEveryLayout() throws Exception {
        String uni = String.join("\n", "\\data\\", "ngram 1=3", "", "\\1-grams:", "-0.5\t<s>", "-0.4\t</s>", "-0.2\ta", "",
                "\\end\\", "");
        String bi = String.join("\n", "\\data\\", "ngram 1=3", "ngram 2=2", "", "\\1-grams:", "-9\t<s>\t-0.5", "-0.4\t</s>",
                "-0.2\ta\t-0.1", "", "\\2-grams:", "-0.05\t<s> a", "-0.3\ta </s>", "", "\\end\\", "");
        for (String text : new String[] {uni, bi}) {
            Path arpa = Files.writeString(tmp.resolve("low.arpa"), text);
            NgramModel reference = NgramModels.load(arpa);
            double expected = reference.sentenceLogProb(new int[] {reference.vocabulary().id("a"), reference.vocabulary().id("a")});
            for (BinaryFormat.Layout layout : BinaryFormat.Layout.values()) {
                Path bin = tmp.resolve("low." + layout);
                Files.deleteIfExists(bin);
                BinaryFormat.write(ArpaReader.read(arpa), bin, layout, 0, 0);
                NgramModel m = NgramModels.load(bin);
                int a = m.vocabulary().id("a");
                assertEquals(expected, m.sentenceLogProb(new int[] {a, a}), 1e-12, layout + " " + text);
            }
        }
        // by hand, the bigram model: p(a|<s>) p(a|a) p(</s>|a) = -0.05 + (-0.1 - 0.2) - 0.3
        Path arpa = Files.writeString(tmp.resolve("low.arpa"), bi);
        NgramModel m = NgramModels.load(arpa);
        int a = m.vocabulary().id("a");
        assertEquals((-0.05 - 0.1 - 0.2 - 0.3) * Math.log(10), m.sentenceLogProb(new int[] {a, a}), 1e-6);
    }
}
