package org.lmrescore.lm.ngram;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * A backoff n-gram model compiled for queries: unigrams in arrays indexed by word id, every higher
 * order in a {@link ProbingTable} keyed by {@link NgramHash}. A query hashes from the predicted
 * word towards older context words, one table probe per order, and stops at the first miss; the
 * context's backoffs come with the {@link NgramState}, so no context is looked up again.
 *
 * <p>The early stop needs every n-gram's suffix and prefix to be in the model. Files written by
 * pruning tools may lack some; those are added as "blank" entries whose probability is what
 * backoff would give and whose backoff is 0, which changes no score (KenLM does the same).
 *
 * <p>Values are stored as the file's log10 floats; {@link #logProb} returns natural logs.
 * An OOV ({@link Vocabulary#NONE}) is scored as {@code <unk>}, or -infinity without it.
 */
public final class NgramModel implements LanguageModel {
    static final double LN10 = Math.log(10);

    final Vocabulary vocabulary;
    final int order;
    final float[] uniProb;
    final float[] uniBackoff;
    /** tables[n] holds the n-grams of order n (n >= 2); tables[0], tables[1] are null. */
    final ProbingTable[] tables;
    private final int unk;
    private final NgramState start;

    NgramModel(Vocabulary vocabulary, float[] uniProb, float[] uniBackoff, ProbingTable[] tables) {
        this.vocabulary = vocabulary;
        this.order = tables.length - 1;
        this.uniProb = uniProb;
        this.uniBackoff = uniBackoff;
        this.tables = tables;
        this.unk = vocabulary.id(Vocabulary.UNK);
        int bos = vocabulary.id(Vocabulary.BOS);
        this.start = bos == Vocabulary.NONE || order == 1 ? NgramState.EMPTY
                : new NgramState(new int[] {bos}, new float[] {uniBackoff[bos]});
    }

    /** Compiles ARPA-style tables into the query structure. */
    public static NgramModel of(BackoffTables t) {
        int order = t.order();
        int v = t.vocabulary().size();
        float[] uniProb = new float[v];
        float[] uniBackoff = new float[v];
        OrderEntries uni = t.entries(1);
        for (int i = 0; i < v; i++) {
            uniProb[i] = uni.prob(i);
            uniBackoff[i] = uni.backoff(i);
        }
        ProbingTable[] tables = new ProbingTable[order + 1];
        for (int n = 2; n <= order; n++) {
            OrderEntries e = t.entries(n);
            tables[n] = new ProbingTable(e.size() + e.size() / 16 + 16);
            int[] w = e.wordArray();
            for (int i = 0; i < e.size(); i++) {
                tables[n].put(NgramHash.of(w, i * n, n), e.prob(i), n < order ? e.backoff(i) : 0f);
                if (tables[n].size() != i + 1) {
                    StringBuilder gram = new StringBuilder();
                    for (int k = 0; k < n; k++) {
                        gram.append(k == 0 ? "" : " ").append(t.vocabulary().word(w[i * n + k]));
                    }
                    throw new InputFormatException("the " + n + "-gram '" + gram + "' is listed twice");
                }
            }
        }
        NgramModel model = new NgramModel(t.vocabulary(), uniProb, uniBackoff, tables);
        model.addBlanks(t);
        return model;
    }

    /** Adds the missing prefixes and suffixes of every n-gram (see the class comment). */
    private void addBlanks(BackoffTables t) {
        List<List<int[]>> blanks = new ArrayList<>();
        for (int n = 0; n <= order; n++) {
            blanks.add(new ArrayList<>());
        }
        for (int n = order; n >= 3; n--) {
            OrderEntries e = t.entries(n);
            int[] w = e.wordArray();
            for (int i = 0; i < e.size(); i++) {
                checkParts(w, i * n, n, blanks);
            }
            for (int b = 0; b < blanks.get(n).size(); b++) {
                checkParts(blanks.get(n).get(b), 0, n, blanks);
            }
        }
        for (int n = 2; n < order; n++) {
            for (int[] w : blanks.get(n)) {
                long ctx = n == 2 ? 0 : tables[n - 1].get(NgramHash.of(w, 0, n - 1));
                float bo = n == 2 ? uniBackoff[w[0]] : ProbingTable.backoff(ctx);
                float p = bo + backedOff(w, 1, n - 1);
                tables[n].put(NgramHash.of(w, 0, n), p, 0f);
            }
        }
    }

    private void checkParts(int[] w, int from, int n, List<List<int[]>> blanks) {
        long suffix = NgramHash.of(w, from + 1, n - 1);
        if (!tables[n - 1].contains(suffix)) {
            tables[n - 1].put(suffix, 0f, 0f);
            blanks.get(n - 1).add(java.util.Arrays.copyOfRange(w, from + 1, from + n));
        }
        long prefix = NgramHash.of(w, from, n - 1);
        if (!tables[n - 1].contains(prefix)) {
            tables[n - 1].put(prefix, 0f, 0f);
            blanks.get(n - 1).add(java.util.Arrays.copyOfRange(w, from, from + n - 1));
        }
    }

    /** log10 p(w[from+n-1] | w[from..from+n-2]) by the backoff rule over the tables. */
    private float backedOff(int[] w, int from, int n) {
        if (n == 1) {
            return uniProb[w[from]];
        }
        long v = tables[n].get(NgramHash.of(w, from, n));
        if (v != ProbingTable.MISSING) {
            return ProbingTable.prob(v);
        }
        float bo;
        if (n == 2) {
            bo = uniBackoff[w[from]];
        } else {
            long c = tables[n - 1].get(NgramHash.of(w, from, n - 1));
            bo = c == ProbingTable.MISSING ? 0f : ProbingTable.backoff(c);
        }
        return bo + backedOff(w, from + 1, n - 1);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Highest n-gram order. */
    public int order() {
        return order;
    }

    /** Number of n-grams of order {@code n} (blank entries included). */
    public long count(int n) {
        return n == 1 ? uniProb.length : tables[n].size();
    }

    @Override
    public NgramState start() {
        return start;
    }

    /** The state of an empty history (no {@code <s>}). */
    public NgramState empty() {
        return NgramState.EMPTY;
    }

    @Override
    public double logProb(LmState context, int word) {
        return log10Prob((NgramState) context, word) * LN10;
    }

    /** log10 P(word | context), the ARPA value. */
    public float log10Prob(NgramState s, int word) {
        word = scoredAs(word);
        if (word == Vocabulary.NONE) {
            return Float.NEGATIVE_INFINITY;
        }
        float p = uniProb[word];
        int[] ctx = s.words;
        int len = Math.min(ctx.length, order - 1);
        int matched = 1;
        long key = NgramHash.start(word);
        for (int j = 0; j < len; j++) {
            key = NgramHash.extend(key, ctx[j]);
            long v = tables[j + 2].get(key);
            if (v == ProbingTable.MISSING) {
                break;
            }
            p = ProbingTable.prob(v);
            matched = j + 2;
        }
        float[] bo = s.backoffs;
        for (int j = matched - 1; j < len; j++) {
            p += bo[j];
        }
        return p;
    }

    @Override
    public NgramState next(LmState context, int word) {
        NgramState s = (NgramState) context;
        word = scoredAs(word);
        if (word == Vocabulary.NONE || order == 1) {
            return NgramState.EMPTY;
        }
        int[] ctx = s.words;
        int len = Math.min(ctx.length, order - 2);
        float[] found = new float[len + 1];
        found[0] = uniBackoff[word];
        int matched = 1;
        long key = NgramHash.start(word);
        for (int j = 0; j < len; j++) {
            key = NgramHash.extend(key, ctx[j]);
            long v = tables[j + 2].get(key);
            if (v == ProbingTable.MISSING) {
                break;
            }
            found[j + 1] = ProbingTable.backoff(v);
            matched = j + 2;
        }
        int[] words = new int[matched];
        words[0] = word;
        System.arraycopy(ctx, 0, words, 1, matched - 1);
        return new NgramState(words, matched == found.length ? found : java.util.Arrays.copyOf(found, matched));
    }

    @Override
    public double sentenceLogProb(int[] words) {
        NgramScorer s = new NgramScorer(this);
        double total = 0;
        for (int w : words) {
            total += s.advance(w);
        }
        int eos = vocabulary.id(Vocabulary.EOS);
        return (total + (eos == Vocabulary.NONE ? Float.NEGATIVE_INFINITY : s.advance(eos))) * LN10;
    }

    /** A reusable, allocation-free walker for one thread (the fast path for long texts). */
    public NgramScorer scorer() {
        return new NgramScorer(this);
    }

    /** The id {@code word} is scored as: itself, {@code <unk>} for an OOV, NONE for an OOV without {@code <unk>}. */
    int scoredAs(int word) {
        return word == Vocabulary.NONE ? unk : word;
    }
}
