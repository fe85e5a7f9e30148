package org.lmrescore.eval;

import org.lmrescore.util.Json;

/**
 * Word and sentence error totals, as in sclite's summary: N reference words, correct,
 * substituted, deleted and inserted words, sentences and sentences with at least one error.
 * Immutable; {@link #plus} returns a new total.
 */
public record ErrorCounts(long n, long corr, long sub, long del, long ins, long sentences, long sentenceErrors) {
    public static final ErrorCounts ZERO = new ErrorCounts(0, 0, 0, 0, 0, 0, 0);

    /** The counts of one utterance. */
    public static ErrorCounts of(Alignment a) {
        return new ErrorCounts(a.refLength(), a.corr(), a.sub(), a.del(), a.ins(), 1, a.errors() > 0 ? 1 : 0);
    }

    public ErrorCounts plus(ErrorCounts o) {
        return new ErrorCounts(n + o.n, corr + o.corr, sub + o.sub, del + o.del, ins + o.ins,
                sentences + o.sentences, sentenceErrors + o.sentenceErrors);
    }

    public ErrorCounts plus(Alignment a) {
        return plus(of(a));
    }

    /** S + D + I. */
    public long errors() {
        return sub + del + ins;
    }

    /** Word error rate in percent: 100 (S + D + I) / N; NaN when there are no reference words. */
    public double wer() {
        return percent(errors(), n);
    }

    /** Sentence error rate in percent. */
    public double ser() {
        return percent(sentenceErrors, sentences);
    }

    /** {@code count} as a percentage of {@code whole}; NaN for an empty whole. */
    public static double percent(long count, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * count / whole;
    }

    /**
     * The machine-readable summary. Field names are a stable interface for users' scripts:
     * {@code n corr sub del ins err wer sentences sentence_errors ser} (rates in percent).
     */
    /**
     * Kaldi's {@code compute-wer} summary: {@code %WER 20.92 [ 50 / 239, 7 ins, 4 del, 39 sub ]},
     * {@code %SER 70.00 [ 21 / 30 ]} and the count of sentences scored, {@code missing} of them
     * without hypothesis.
     */
    public String kaldiSummary(int missing) {
        return String.format(java.util.Locale.ROOT, "%%WER %.2f [ %d / %d, %d ins, %d del, %d sub ]%n%%SER %.2f [ %d / %d ]%n"
                + "Scored %d sentences, %d not present in hyp.%n", wer(), errors(), n, ins, del, sub, ser(), sentenceErrors,
                sentences, sentences, missing);
    }

    public Json toJson() {
        return new Json()
                .put("n", n)
                .put("corr", corr)
                .put("sub", sub)
                .put("del", del)
                .put("ins", ins)
                .put("err", errors())
                .put("wer", wer())
                .put("sentences", sentences)
                .put("sentence_errors", sentenceErrors)
                .put("ser", ser());
    }
}
