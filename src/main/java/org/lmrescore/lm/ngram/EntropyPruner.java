package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Relative-entropy pruning of a backoff model (Stolcke 1998, SRILM's {@code ngram -prune}): an
 * n-gram (h, w) goes when dropping it, and letting w back off from h to the shorter context h',
 * changes the model's perplexity by less than the threshold:
 *
 * <pre>
 *   dH = -P(h) [ p(w|h) (ln p(w|h') + ln a'(h) - ln p(w|h)) + b(h) (ln a'(h) - ln a(h)) ]
 *   pruned when exp(dH) - 1 &lt; threshold
 * </pre>
 *
 * where P(h) is the model's probability of the context (its words in turn, {@code <s>} given),
 * b(h) = 1 - sum over the explicit words of h of p(.|h) the mass h already backs off, a(h) its
 * backoff weight and a'(h) the weight once w backs off too: (b(h) + p(w|h)) / (1 - sum over the
 * other explicit words of p(.|h')). Orders are pruned from the highest down, each with the model
 * as the higher orders' pruning left it; an n-gram that is the context of a kept longer one is
 * kept, so no context goes missing; unigrams are never pruned. At the end every backoff weight is
 * recomputed from the lowest order up, so every context's distribution sums to one again.
 */
public final class EntropyPruner {
    private EntropyPruner() {
    }

    /** The model with every n-gram of order 2 and up pruned whose perplexity change is below {@code threshold}. */
    public static BackoffTables prune(BackoffTables model, double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("the pruning threshold must be a positive number, not " + threshold);
        }
        BackoffTables t = model;
        Set<Key> contextsOfKept = new HashSet<>();
        for (int n = t.order(); n >= 2; n--) {
            double[] change = perplexityChange(t, n);
            OrderEntries e = t.entries(n);
            OrderEntries kept = new OrderEntries(n, e.size());
            Set<Key> prefixes = new HashSet<>();
            int[] row = new int[n];
            for (int i = 0; i < e.size(); i++) {
                for (int k = 0; k < n; k++) {
                    row[k] = e.word(i, k);
                }
                if (change[i] >= threshold || contextsOfKept.contains(new Key(row, 0, n))) {
                    kept.add(row, 0, e.prob(i), e.backoff(i));
                    prefixes.add(new Key(row, 0, n - 1));
                }
            }
            t = replace(t, n, kept);
            contextsOfKept = prefixes;
        }
        return withBackoffsRecomputed(t);
    }

    /**
     * exp(dH) - 1 of dropping each n-gram of order n (see the class comment) from {@code t} as it
     * stands: the relative change of the model's perplexity, index by index of {@code t.entries(n)}.
     */
    public static double[] perplexityChange(BackoffTables t, int n) {
        NgramModel m = NgramModel.of(t);
        OrderEntries e = t.entries(n);
        double[] lowerProb = new double[e.size()];
        Map<Key, Context> contexts = contexts(t, n, m, lowerProb);
        double[] out = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            Context c = contexts.get(Key.context(e, i));
            double p = Math.pow(10, e.prob(i));
            double lower = lowerProb[i];
            double backedOff = 1 - c.sumProb;
            double alpha = backedOff / (1 - c.sumLower);
            double alphaWithout = (backedOff + p) / (1 - c.sumLower + lower);
            double dH = -c.probability * (p * (Math.log(lower) + Math.log(alphaWithout) - Math.log(p))
                    + backedOff * (Math.log(alphaWithout) - Math.log(alpha)));
            out[i] = Math.expm1(dH);
        }
        return out;
    }

    /** One context of order n - 1: the sums over its n-grams of p(w|h) and of p(w|h'), and P(h). */
    private static final class Context {
        double sumProb;
        double sumLower;
        double probability;
    }

    /** Each n-gram's context, and its p(w|h') into lowerProb. */
    private static Map<Key, Context> contexts(BackoffTables t, int n, NgramModel m, double[] lowerProb) {
        OrderEntries e = t.entries(n);
        Map<Key, Context> contexts = new HashMap<>();
        int bos = t.vocabulary().id(Vocabulary.BOS);
        for (int i = 0; i < e.size(); i++) {
            Key key = Key.context(e, i);
            Context c = contexts.get(key);
            if (c == null) {
                c = new Context();
                c.probability = Math.pow(10, contextLog10Prob(m, e, i, n - 1, bos));
                contexts.put(key, c);
            }
            lowerProb[i] = Math.pow(10, m.log10Prob(state(m, e, i, 1, n - 1), e.word(i, n - 1)));
            c.sumProb += Math.pow(10, e.prob(i));
            c.sumLower += lowerProb[i];
        }
        return contexts;
    }

    /** log10 P of the first {@code length} words of entry i, word by word, a leading {@code <s>} given. */
    private static double contextLog10Prob(NgramModel m, OrderEntries e, int i, int length, int bos) {
        NgramState s = m.empty();
        int from = 0;
        if (e.word(i, 0) == bos) {
            s = m.start();
            from = 1;
        }
        double lp = 0;
        for (int k = from; k < length; k++) {
            lp += m.log10Prob(s, e.word(i, k));
            s = m.next(s, e.word(i, k));
        }
        return lp;
    }

    /** The state after words [from, to) of entry i. */
    private static NgramState state(NgramModel m, OrderEntries e, int i, int from, int to) {
        NgramState s = m.empty();
        for (int k = from; k < to; k++) {
            s = m.next(s, e.word(i, k));
        }
        return s;
    }

    /**
     * Every context's backoff weight from its n-grams as they now are, order by order from the
     * lowest: a(h) = (1 - sum p(w|h)) / (1 - sum p(w|h')), over the words h lists; 1 (log 0) for
     * an n-gram that is no context.
     */
    static BackoffTables withBackoffsRecomputed(BackoffTables t) {
        for (int k = 1; k < t.order(); k++) {
            NgramModel m = NgramModel.of(t);
            OrderEntries children = t.entries(k + 1);
            Map<Key, double[]> sums = new HashMap<>();
            for (int i = 0; i < children.size(); i++) {
                double[] s = sums.computeIfAbsent(Key.context(children, i), x -> new double[2]);
                s[0] += Math.pow(10, children.prob(i));
                s[1] += Math.pow(10, m.log10Prob(state(m, children, i, 1, k), children.word(i, k)));
            }
            OrderEntries e = t.entries(k);
            OrderEntries out = new OrderEntries(k, e.size());
            int[] row = new int[k];
            for (int i = 0; i < e.size(); i++) {
                for (int j = 0; j < k; j++) {
                    row[j] = e.word(i, j);
                }
                double[] s = sums.get(new Key(row, 0, k));
                float backoff = s == null ? 0f : (float) Math.log10(Math.max(1 - s[0], 1e-99) / Math.max(1 - s[1], 1e-99));
                out.add(row, 0, e.prob(i), backoff);
            }
            t = replace(t, k, out);
        }
        return t;
    }

    private static BackoffTables replace(BackoffTables t, int n, OrderEntries entries) {
        OrderEntries[] orders = new OrderEntries[t.order()];
        for (int k = 1; k <= t.order(); k++) {
            orders[k - 1] = k == n ? entries : t.entries(k);
        }
        return new BackoffTables(t.vocabulary(), orders);
    }

    /** Word ids as a map key. */
    private record Key(int[] words) {
        Key(int[] row, int from, int to) {
            this(java.util.Arrays.copyOfRange(row, from, to));
        }

        /** The context of entry i: its first order - 1 words. */
        static Key context(OrderEntries e, int i) {
            int[] w = new int[e.order() - 1];
            for (int k = 0; k < w.length; k++) {
                w[k] = e.word(i, k);
            }
            return new Key(w);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(words, k.words);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(words);
        }
    }
}
