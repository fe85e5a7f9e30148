package org.lmrescore.eval;

import org.lmrescore.util.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well word confidences predict which hypothesis words are correct: sclite's normalised cross
 * entropy, NCE = (H(C) + sum over correct words of log2 c + sum over incorrect words of
 * log2(1 - c)) / H(C), with H(C) = -(n log2 p + (N - n) log2(1 - p)) the entropy of knowing only
 * the fraction p = n / N of correct words. 1 is perfect, 0 no better than that fraction, below 0
 * worse. A word is correct when the alignment scoring the WER matches it to the same reference
 * word. Confidences are kept within [1e-6, 1 - 1e-6], so a confident error costs a finite penalty.
 */
public record ConfidenceScore(double nce, int words, int correct, double meanConfidence) {
    static final double FLOOR = 1e-6;

    /**
     * The NCE of the confidences of {@code ctm} (a ctm's entries by utterance) against the
     * alignments of {@code report}, which scored the same words filtered by {@code filter}.
     * Null when the ctm has no confidences.
     */
    public static ConfidenceScore of(Map<String, List<CtmReader.Entry>> ctm, ScoreReport report, TokenFilter filter) {
        List<Double> confidence = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        for (UtteranceScore u : report.utterances()) {
            List<CtmReader.Entry> entries = ctm.get(u.id());
            if (entries == null) {
                continue;  // no words
            }
            boolean[] right = u.alignment().hypothesisWordsCorrect();
            int k = 0;  // the next hypothesis word: the entries the scorer kept, in order
            for (CtmReader.Entry e : entries) {
                if (filter.isFiller(e.word())) {
                    continue;  // the scorer dropped it too
                }
                if (Double.isNaN(e.confidence())) {
                    return null;
                }
                correct.add(right[k++]);
                confidence.add(e.confidence());
            }
        }
        double[] c = new double[confidence.size()];
        boolean[] labels = new boolean[c.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = confidence.get(i);
            labels[i] = correct.get(i);
        }
        return of(c, labels);
    }

    /** The NCE of these confidences of words labelled correct or not; null for no words. */
    public static ConfidenceScore of(double[] confidence, boolean[] correct) {
        int words = confidence.length;
        if (words == 0) {
            return null;
        }
        double bits = 0;
        double sumConfidence = 0;
        int right = 0;
        for (int i = 0; i < words; i++) {
            double c = Math.min(1 - FLOOR, Math.max(FLOOR, confidence[i]));
            bits += log2(correct[i] ? c : 1 - c);
            sumConfidence += confidence[i];
            right += correct[i] ? 1 : 0;
        }
        double p = (double) right / words;
        double h = right == 0 || right == words ? 0 : -(right * log2(p) + (words - right) * log2(1 - p));
        double nce = h == 0 ? Double.NaN : (h + bits) / h;
        return new ConfidenceScore(nce, words, right, sumConfidence / words);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public String format() {
        return String.format(Locale.ROOT, "Confidences: NCE %.4f over %,d words (%,d correct, %.1f%%; mean confidence %.4f)%n",
                nce, words, correct, 100.0 * correct / words, meanConfidence);
    }

    public Json toJson() {
        return new Json().put("nce", nce).put("words", words).put("correct", correct).put("mean_confidence", meanConfidence);
    }
}
