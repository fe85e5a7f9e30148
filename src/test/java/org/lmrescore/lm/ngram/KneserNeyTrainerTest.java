package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KneserNeyTrainerTest {
    @TempDir
    Path tmp;

    /** A 1 MB budget holds ~29,000 5-gram rows: the 38,148 distinct ones spill sorted runs to disk. */
    @Test
    void spillingToDiskGivesTheSameModel() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        BackoffTables inMemory = new KneserNeyTrainer(new KneserNeyOptions()).train(train);
        Path runs = Files.createDirectory(tmp.resolve("runs"));
        BackoffTables spilled = new KneserNeyTrainer(new KneserNeyOptions().memory(1 << 20).tempDir(runs)).train(train);
        assertEquals(arpa(inMemory), arpa(spilled));
        try (Stream<Path> left = Files.list(runs)) {
            assertEquals(0, left.count(), "run files are deleted");
        }
    }

    /**
     * A sentence longer than a counting batch (65,536 ids) is counted whole: 70,000 distinct words
     * w0 .. w69999 on one line have exactly 70,001 bigrams ({@code <s> w0} .. {@code w69999 </s>})
     * and 70,000 trigrams; a sentence cut in two would add n-grams with {@code <s>} or
     * {@code </s>} inside it and lose those across the cut.
     */
    @Test
    void aSentenceLongerThanABatchIsCountedWhole() throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            line.append(i == 0 ? "" : " ").append('w').append(i);
        }
        Path text = Files.writeString(tmp.resolve("long.txt"), line + "\n");
        BackoffTables t = new KneserNeyTrainer(new KneserNeyOptions().order(3).discountFallback(true)).train(text);
        assertEquals(70_000 + 3, t.count(1), "the words, <s>, </s>, <unk>");
        assertEquals(70_001, t.count(2));
        assertEquals(70_000, t.count(3));
    }

    @Test
    void anyOrderFromOneToSixSumsToOne() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        for (int order : new int[] {1, 6}) {
            NgramModel m = NgramModel.of(new KneserNeyTrainer(new KneserNeyOptions().order(order)).train(train));
            assertEquals(order, m.order());
            Vocabulary v = m.vocabulary();
            LmState h = m.start();
            for (String w : "the jury said it did".split(" ")) {
                h = m.next(h, v.id(w));
            }
            double sum = 0;
            for (int w = 0; w < v.size(); w++) {
                if (w != v.id("<s>")) {
                    sum += Math.exp(m.logProb(h, w));
                }
            }
            assertEquals(1.0, sum, 1e-4, "order " + order);
        }
    }

    @Test
    void vocabularyListMapsOtherWordsToUnk() throws Exception {
        Path text = tmp.resolve("t.txt");
        Files.writeString(text, "a b c d\nb c d a\nc d a b\nd a b c\na a b b\nc c d d\n".repeat(3) + "x y a b\n");
        Path list = tmp.resolve("vocab.txt");
        Files.writeString(list, "a b c d z\n");
        BackoffTables t = new KneserNeyTrainer(new KneserNeyOptions().order(2).vocabulary(list).discountFallback(true)).train(text);
        Vocabulary v = t.vocabulary();
        assertFalse(v.contains("x"));
        assertTrue(v.contains("z"), "listed words are in the model even when unseen");
        NgramModel m = NgramModel.of(t);
        // x y became <unk> <unk>: the bigram "<unk> a" exists and beats backing off
        LmState afterUnk = m.next(m.start(), Vocabulary.NONE);
        assertTrue(m.logProb(afterUnk, v.id("a")) > m.logProb(afterUnk, v.id("c")));
        assertTrue(m.logProb(m.start(), v.id("z")) < m.logProb(m.start(), v.id("a")));
    }

    @Test
    void srilmModeIsClosedVocabularyUnlessUnk() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        BackoffTables closed = new KneserNeyTrainer(new KneserNeyOptions().order(3).srilm(true)).train(train);
        BackoffTables open = new KneserNeyTrainer(new KneserNeyOptions().order(3).srilm(true).unk(true)).train(train);
        assertFalse(closed.vocabulary().contains("<unk>"));
        assertTrue(open.vocabulary().contains("<unk>"));
        assertEquals(closed.count(3), open.count(3));
        assertTrue(closed.count(3) < 35596, "trigrams seen once are cut (lmplz keeps 35,596)");
    }

    private static String arpa(BackoffTables t) throws Exception {
        StringWriter w = new StringWriter();
        ArpaWriter.write(t, w);
        return w.toString();
    }
}
