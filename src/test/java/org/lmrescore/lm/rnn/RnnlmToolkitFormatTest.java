package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny rnnlm model written by hand in the toolkit's text and binary formats, scored by hand. */
class RnnlmToolkitFormatTest {
    @TempDir
    Path dir;

    private static final double[] ACTIVATION = {0.5, 0.25};
    /** syn0 rows (one per hidden unit) over inputs </s>, a, b, h0, h1. */
    private static final double[][] SYN0 = {{0.1, 0.2, -0.3, 0.4, -0.5}, {-0.2, 0.3, 0.1, 0.6, 0.2}};
    /** syn1 rows over h0, h1: words </s>, a, b, then classes 0, 1. */
    private static final double[][] SYN1 = {{0.3, -0.1}, {0.2, 0.4}, {-0.5, 0.1}, {0.7, -0.2}, {-0.3, 0.5}};

    /** The toolkit's direct weights in the hand model with them: syn_d[i] = 0.05 i - 0.4, 20 entries. */
    private static double direct(int i) {
        return 0.05 * i - 0.4;
    }

    private static String header(int format) {
        return "version: 10\nfile format: " + format + "\n\n"
                + "training data file: train.txt\nvalidation data file: valid.txt\n\n"
                + "last probability of validation data: -123.456\nnumber of finished iterations: 3\n\n"
                + "current position in training data: 0\ncurrent probability of training data: -99.0\n"
                + "save after processing # words: 0\n# of training words: 6\n\n"
                + "input layer size: 5\nhidden layer size: 2\ncompression layer size: 0\noutput layer size: 5\n\n"
                + "direct connections: 0\ndirect order: 3\n\nbptt: 4\nbptt block: 10\n\n"
                + "vocabulary size: 3\nclass size: 2\n\nold classes: 0\nindependent sentences mode: 0\n\n"
                + "starting learning rate: 0.100000\ncurrent learning rate: 0.050000\nlearning rate decrease: 1\n\n"
                + "\nVocabulary:\n"
                + "     0\t         3\t</s>\t0\n     1\t         2\ta\t0\n     2\t         1\tb\t1\n";
    }

    private static String textModel() {
        StringBuilder s = new StringBuilder(header(0));
        s.append("\nHidden layer activation:\n");
        for (double d : ACTIVATION) {
            s.append(d).append('\n');
        }
        s.append("\nWeights 0->1:\n");
        for (double[] row : SYN0) {
            for (double d : row) {
                s.append(d).append('\n');
            }
        }
        s.append("\n\nWeights 1->2:\n");
        for (double[] row : SYN1) {
            for (double d : row) {
                s.append(d).append('\n');
            }
        }
        s.append("\nDirect connections:\n");
        return s.toString();
    }

    private static byte[] binaryModel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(1).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(4 * 22).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : ACTIVATION) {
            b.putFloat((float) d);
        }
        for (double[] row : SYN0) {
            for (double d : row) {
                b.putFloat((float) d);
            }
        }
        for (double[] row : SYN1) {
            for (double d : row) {
                b.putFloat((float) d);
            }
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The hidden state after reading input word index {@code in} from state {@code s}. */
    private static double[] step(double[] s, int in) {
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            h[j] = sigmoid(SYN0[j][in] + SYN0[j][3] * s[0] + SYN0[j][4] * s[1]);
        }
        return h;
    }

    /** P(word | h) by the factorised softmax; classes {</s>, a} and {b}. */
    private static double prob(double[] h, int word) {
        double[] logit = new double[5];
        for (int k = 0; k < 5; k++) {
            logit[k] = SYN1[k][0] * h[0] + SYN1[k][1] * h[1];
        }
        double pClass0 = Math.exp(logit[3]) / (Math.exp(logit[3]) + Math.exp(logit[4]));
        if (word == 2) {
            return 1 - pClass0;
        }
        return pClass0 * Math.exp(logit[word]) / (Math.exp(logit[0]) + Math.exp(logit[1]));
    }

    /**
     * The toolkit's hashing for order 1 (no history) and 20 entries, worked out by hand:
     * PRIMES[0] * PRIMES[1] mod 2^32 = 2913883755; classes start at 2913883755 mod 10 = 5; the
     * words of class 0 at (2913883755 mod 10) + 10 = 15, of class 1 at (2 x 2913883755 mod 10) + 10 = 10.
     */
    @Test
    void importsDirectConnectionsWithTheToolkitsHashing() throws Exception {
        StringBuilder s = new StringBuilder(textModel().replace("direct connections: 0", "direct connections: 20")
                .replace("direct order: 3", "direct order: 1"));
        for (int i = 0; i < 20; i++) {
            s.append(direct(i)).append('\n');
        }
        Path p = dir.resolve("rnnme.txt");
        Files.writeString(p, s.toString());
        RnnLanguageModel lm = new RnnLanguageModel(RnnModels.load(p));
        double[] h = step(ACTIVATION, 0);
        double[] logit = new double[5];
        for (int k = 0; k < 5; k++) {
            logit[k] = SYN1[k][0] * h[0] + SYN1[k][1] * h[1];
        }
        double c0 = logit[3] + direct(5);
        double c1 = logit[4] + direct(6);
        double pClass0 = Math.exp(c0) / (Math.exp(c0) + Math.exp(c1));
        double eos = logit[0] + direct(15);
        double a = logit[1] + direct(16);
        double pA = pClass0 * Math.exp(a) / (Math.exp(eos) + Math.exp(a));
        assertEquals(Math.log(pA), lm.logProb(lm.start(), lm.vocabulary().id("a")), 1e-6);
        assertEquals(Math.log(1 - pClass0), lm.logProb(lm.start(), lm.vocabulary().id("b")), 1e-6);

        Path again = dir.resolve("again.txt");
        RnnlmToolkitFormat.writeText(again, RnnModels.load(p));
        RnnLanguageModel back = new RnnLanguageModel(RnnModels.load(again));
        assertEquals(Math.log(pA), back.logProb(back.start(), back.vocabulary().id("a")), 1e-6);
    }

    private void assertScoresByHand(RnnModel model) {
        RnnLanguageModel lm = new RnnLanguageModel(model);
        Vocabulary v = lm.vocabulary();
        double[] h = step(ACTIVATION, 0);
        LmState s = lm.start();
        for (int w = 0; w < 3; w++) {
            assertEquals(Math.log(prob(h, w)), lm.logProb(s, v.id(new String[] {"</s>", "a", "b"}[w])), 1e-6);
        }
        double[] h2 = step(h, 1);
        LmState s2 = lm.next(s, v.id("a"));
        assertEquals(Math.log(prob(h2, 2)), lm.logProb(s2, v.id("b")), 1e-6);
        assertEquals(Math.log(prob(h2, 0)), lm.logProb(s2, v.id("</s>")), 1e-6);
    }

    @Test
    void importsTextFormat() throws Exception {
        Path p = dir.resolve("model.txt");
        Files.writeString(p, textModel());
        RnnModel m = RnnModels.load(p);
        assertEquals(2, m.config().hidden());
        assertEquals(2, m.vocabulary().classes().count());
        assertScoresByHand(m);
    }

    @Test
    void importsBinaryFormat() throws Exception {
        Path p = dir.resolve("model.bin");
        Files.write(p, binaryModel());
        assertScoresByHand(RnnModels.load(p));
    }

    @Test
    void exportThenImportScoresTheSame() throws Exception {
        Path p = dir.resolve("model.txt");
        Files.writeString(p, textModel());
        Path again = dir.resolve("again.txt");
        RnnlmToolkitFormat.writeText(again, RnnModels.load(p));
        assertScoresByHand(RnnModels.load(again));
    }

    @Test
    void truncatedOrUnsupportedFilesAreRefused() throws Exception {
        String text = textModel();
        Path cut = dir.resolve("cut.txt");
        Files.writeString(cut, text.substring(0, text.length() - 30));
        InputFormatException e = assertThrows(InputFormatException.class, () -> RnnModels.load(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        byte[] bin = binaryModel();
        Path cutBin = dir.resolve("cut.bin");
        Files.write(cutBin, java.util.Arrays.copyOf(bin, bin.length - 6));
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(cutBin));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path v9 = dir.resolve("v9.txt");
        Files.writeString(v9, text.replace("version: 10", "version: 9"));
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(v9));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());

        Path order9 = dir.resolve("order9.txt");
        Files.writeString(order9, text.replace("direct connections: 0", "direct connections: 1000")
                .replace("direct order: 3", "direct order: 9"));
        e = assertThrows(InputFormatException.class, () -> RnnModels.load(order9));
        assertTrue(e.getMessage().contains("direct order 9"), e.getMessage());
    }
}
