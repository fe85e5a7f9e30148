package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.Progress;
import org.lmrescore.util.TextInput;

import java.util.Arrays;

/**
 * Every component's probability of every token of a development text, read the way
 * {@link PerplexityEvaluator} reads it (sentence by sentence, {@code </s>} scored, a word outside
 * the mix's vocabulary counted as an OOV and skipped), so weights tuned on these figures are the
 * weights that minimise what {@code ppl} reports.
 *
 * @param probs     probs[i][t] = P_i(token t), 0 where component i gives the token nothing
 * @param sentences sentences read
 * @param oovs      tokens outside the mix's vocabulary (not in probs)
 */
public record DevScores(double[][] probs, long sentences, long oovs) {

    /** Scores {@code text} with every component of a mix (whose weights do not matter here). */
    public static DevScores collect(LinearMix mix, java.nio.file.Path text) {
        int models = mix.components().size();
        double[][] probs = new double[models][1 << 12];
        int tokens = 0;
        long sentences = 0;
        long oovs = 0;
        Vocabulary vocab = mix.vocabulary();
        int eos = vocab.id(Vocabulary.EOS);
        double[] lp = new double[models];
        Progress progress = new Progress("scoring " + text.getFileName(), 0, "sentences");
        try (TextInput in = TextInput.open(text)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = PerplexityEvaluator.tokens(line);
                if (words.length == 0) {
                    continue;
                }
                sentences++;
                LmState state = mix.start();
                for (int i = 0; i <= words.length; i++) {
                    int id = i == words.length ? eos : vocab.id(words[i]);
                    if (id == Vocabulary.NONE) {
                        oovs++;
                    } else {
                        mix.componentLogProbs(state, id, lp);
                        if (tokens == probs[0].length) {
                            for (int m = 0; m < models; m++) {
                                probs[m] = Arrays.copyOf(probs[m], tokens * 2);
                            }
                        }
                        for (int m = 0; m < models; m++) {
                            probs[m][tokens] = Math.exp(lp[m]);
                        }
                        tokens++;
                    }
                    if (i < words.length) {
                        state = mix.next(state, id);
                    }
                }
                progress.advance(1);
            }
        }
        progress.finish();
        for (int m = 0; m < models; m++) {
            probs[m] = Arrays.copyOf(probs[m], tokens);
        }
        return new DevScores(probs, sentences, oovs);
    }

    /** Scored tokens. */
    public int tokens() {
        return probs.length == 0 ? 0 : probs[0].length;
    }

    /**
     * The perplexity {@link LinearMix} with these weights gives the text: per token
     * sum_i lambda_i P_i / sum_{i scoring} lambda_i; tokens no component scores are zero
     * probabilities, left out as SRILM does.
     */
    public double perplexity(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double logLikelihood = 0;
        long scored = 0;
        for (int t = 0, n = tokens(); t < n; t++) {
            double mixed = 0;
            double scoring = 0;
            for (int m = 0; m < probs.length; m++) {
                double p = probs[m][t];
                if (p > 0) {
                    mixed += weights[m] / sum * p;
                    scoring += weights[m] / sum;
                }
            }
            if (mixed > 0) {
                logLikelihood += Math.log(mixed / scoring);
                scored++;
            }
        }
        return Math.exp(-logLikelihood / scored);
    }
}
