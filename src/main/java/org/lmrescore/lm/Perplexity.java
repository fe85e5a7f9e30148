package org.lmrescore.lm;

import org.lmrescore.util.Json;

import java.util.Locale;

/**
 * Perplexity totals with SRILM's {@code ngram -ppl} conventions: OOV words and zero-probability
 * words are counted but not scored; {@code </s>} is scored. {@code logprob} is log10.
 * <ul>
 *   <li>ppl = 10^(-logprob / (words - oovs - zeroprobs + sentences))</li>
 *   <li>ppl1 = 10^(-logprob / (words - oovs - zeroprobs)) (without the sentence ends)</li>
 * </ul>
 * {@code words} counts the words of the text, not the {@code </s>} tokens.
 */
public final class Perplexity {
    private long sentences;
    private long words;
    private long oovs;
    private long zeroprobs;
    private double logprob10;

    /** Starts a new sentence. */
    public void addSentence() {
        sentences++;
    }

    /** A scored in-vocabulary word (not {@code </s>}), natural-log probability. */
    public void addWord(double lnProb) {
        words++;
        addScore(lnProb);
    }

    /** The sentence end's score, natural log. */
    public void addSentenceEnd(double lnProb) {
        addScore(lnProb);
    }

    /** A word outside the vocabulary: counted, not scored. */
    public void addOov() {
        words++;
        oovs++;
    }

    private void addScore(double lnProb) {
        if (lnProb == Double.NEGATIVE_INFINITY) {
            zeroprobs++;
        } else {
            logprob10 += lnProb / Math.log(10);
        }
    }

    public void add(Perplexity other) {
        sentences += other.sentences;
        words += other.words;
        oovs += other.oovs;
        zeroprobs += other.zeroprobs;
        logprob10 += other.logprob10;
    }

    public long sentences() {
        return sentences;
    }

    public long words() {
        return words;
    }

    public long oovs() {
        return oovs;
    }

    public long zeroprobs() {
        return zeroprobs;
    }

    /** Total log10 probability of the scored tokens. */
    public double logprob() {
        return logprob10;
    }

    public double ppl() {
        return Math.pow(10, -logprob10 / (words - oovs - zeroprobs + sentences));
    }

    public double ppl1() {
        return Math.pow(10, -logprob10 / (words - oovs - zeroprobs));
    }

    /** The JSON object scripts parse: sentences, words, oovs, zeroprobs, logprob, ppl, ppl1. */
    public Json toJson() {
        return new Json()
                .put("sentences", sentences)
                .put("words", words)
                .put("oovs", oovs)
                .put("zeroprobs", zeroprobs)
                .put("logprob", logprob10)
                .put("ppl", ppl())
                .put("ppl1", ppl1());
    }

    /** SRILM's two summary lines. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d sentences, %d words, %d OOVs%n%d zeroprobs, logprob= %.6g ppl= %.6g ppl1= %.6g",
                sentences, words, oovs, zeroprobs, logprob10, ppl(), ppl1());
    }
}
