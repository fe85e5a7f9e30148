package org.lmrescore.rescore;

import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.Tokens;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A language model seen from rescoring: which tokens it reads (words, and fillers when asked;
 * never boundaries, which it adds itself), their ids in the model's vocabulary, the OOV charge,
 * and the total of a path. Every rescorer (N-best, prefix tree, lattice) goes through this one
 * class, so a sentence gets the same LM score whichever way it is rescored. Thread-safe.
 */
public final class Scorer implements PrefixTree.Model {
    /** {@link #lmToken} of a token the model does not read. */
    public static final int SKIP = -2;

    private final LanguageModel model;
    private final ScoreWeights weights;
    private final int endOfSentence;
    private final LongAdder oovs = new LongAdder();
    private final LongAdder lmCalls = new LongAdder();

    private final boolean lowercase;

    public Scorer(LanguageModel model, ScoreWeights weights) {
        this(model, weights, false);
    }

    /** {@code lowercase}: look words up in lower case (a mixed- or upper-case lattice, a lower-case model). */
    public Scorer(LanguageModel model, ScoreWeights weights, boolean lowercase) {
        this.model = model;
        this.weights = weights;
        this.lowercase = lowercase;
        this.endOfSentence = model.vocabulary().id(Vocabulary.EOS);
    }

    public LanguageModel model() {
        return model;
    }

    public ScoreWeights weights() {
        return weights;
    }

    /** The model's id for {@code token}, {@link Vocabulary#NONE} for an OOV word, {@link #SKIP} when not read. */
    public int lmToken(String token) {
        if (Tokens.isBoundary(token) || (!weights.scoreFillers() && Tokens.isFiller(token))) {
            return SKIP;
        }
        return model.vocabulary().id(lowercase ? token.toLowerCase(java.util.Locale.ROOT) : token);
    }

    /** Whether {@code token} counts for the word penalty. */
    public boolean counts(String token) {
        return weights.scoreFillers() ? !Tokens.isBoundary(token) : Tokens.isWord(token);
    }

    public LmState start() {
        return model.start();
    }

    /** ln P(word | state), charging {@link ScoreWeights#oovLogProb()} where the model has no probability. */
    public double logProb(LmState state, int lmId) {
        lmCalls.increment();
        double lp = model.logProb(state, lmId);
        if (lp == Double.NEGATIVE_INFINITY) {
            oovs.increment();
            return weights.oovLogProb();
        }
        return lp;
    }

    public LmState next(LmState state, int lmId) {
        return model.next(state, lmId);
    }

    /** ln P(&lt;/s&gt; | state). */
    public double endLogProb(LmState state) {
        return logProb(state, endOfSentence);
    }

    /** Tells the model these states are about to be scored ({@link LanguageModel#prepare}). */
    public void prepare(List<LmState> states) {
        model.prepare(states);
    }

    /** The model ids of the tokens it reads ({@link #lmToken}; skipped tokens left out). */
    public int[] lmIds(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        int n = 0;
        for (String t : tokens) {
            int id = lmToken(t);
            if (id != SKIP) {
                ids[n++] = id;
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /** ln P of a token sequence read alone from the start state, {@code </s>} included. */
    public double sentenceLogProb(List<String> tokens) {
        LmState state = start();
        double total = 0;
        for (String token : tokens) {
            int id = lmToken(token);
            if (id != SKIP) {
                total += logProb(state, id);
                state = next(state, id);
            }
        }
        return total + endLogProb(state);
    }

    /** Words of {@code tokens} that count for the word penalty. */
    public int wordCount(List<String> tokens) {
        int n = 0;
        for (String t : tokens) {
            if (counts(t)) {
                n++;
            }
        }
        return n;
    }

    /** Tokens charged {@link ScoreWeights#oovLogProb()} so far. */
    public long oovCount() {
        return oovs.sum();
    }

    /** Model probability look-ups so far (the work rescoring shares). */
    public long lmCalls() {
        return lmCalls.sum();
    }
}
