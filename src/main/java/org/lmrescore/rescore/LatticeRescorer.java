package org.lmrescore.rescore;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.lmrescore.lattice.ExpansionBudgetExceeded;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticeHeader;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.Tokens;
import org.lmrescore.lm.LmState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rescores a lattice with any {@link org.lmrescore.lm.LanguageModel} by expanding it on LM
 * history, with the n-gram approximation of Liu et al. (2014) as in Kaldi's lattice rescoring:
 * a node of the result is (lattice node, last {@code historyOrder - 1} words), paths that agree
 * on those words share one LM state, the state of the best of them (exact for an n-gram model of
 * at most that order; for an RNN it approximates the rest of its history).
 *
 * <p>Nodes are expanded in topological order; before a lattice node's copies are expanded, those
 * whose best score so far is more than {@code beam} below the best copy are dropped, and at most
 * {@code maxHistories} copies are kept (paths to one lattice node share their future, so
 * comparing their pasts is fair). The LM reads each (copy, word) once, and a copy's LM state is
 * computed only if it survives pruning, from its best incoming path, and dropped once its
 * outgoing arcs are expanded, so LM states (an RNN's hidden vectors) live only on the frontier.
 *
 * <p>Memory grows with the expanded arcs; past {@code maxArcs} of them the expansion stops with
 * {@link ExpansionBudgetExceeded}, so one huge lattice cannot exhaust the heap of a batch (the
 * caller falls back to a cheaper rescoring). One instance rescores one lattice at a time.
 */
public final class LatticeRescorer {
    private final Scorer scorer;
    private final int historyOrder;
    private final double beam;
    private final int maxHistories;
    private final long maxArcs;
    private long calls;

    /** Expanded arcs allowed by default: a few hundred MB of expansion, whatever the LM. */
    public static final long DEFAULT_MAX_ARCS = 4_000_000;

    /**
     * @param historyOrder n of the n-gram approximation (>= 1; large values keep every history distinct)
     * @param beam         score beam per lattice node (natural log), {@code Double.POSITIVE_INFINITY} for none
     * @param maxHistories most copies kept per lattice node
     */
    public LatticeRescorer(Scorer scorer, int historyOrder, double beam, int maxHistories) {
        this(scorer, historyOrder, beam, maxHistories, DEFAULT_MAX_ARCS);
    }

    /** @param maxArcs most expanded arcs before {@link ExpansionBudgetExceeded} */
    public LatticeRescorer(Scorer scorer, int historyOrder, double beam, int maxHistories, long maxArcs) {
        if (historyOrder < 1 || maxHistories < 1 || !(beam > 0) || maxArcs < 1) {
            throw new IllegalArgumentException("history order, max histories and max arcs must be >= 1 and the beam > 0");
        }
        this.scorer = scorer;
        this.historyOrder = historyOrder;
        this.beam = beam;
        this.maxHistories = maxHistories;
        this.maxArcs = maxArcs;
    }

    /** A copy of a lattice node under one history. */
    private static final class Copy {
        final History history;
        double forward = Double.NEGATIVE_INFINITY;
        int bestArc = -1;
        LmState fromState;
        int fromWord;
        LmState state;
        int id = -1;
        Int2DoubleOpenHashMap probs;

        Copy(History history) {
            this.history = history;
        }
    }

    public RescoredLattice rescore(Lattice lattice) {
        ScoreWeights w = scorer.weights();
        int n = lattice.nodeCount();
        int end = lattice.endNode();
        calls = 0;
        List<Map<History, Copy>> copies = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            copies.add(null);
        }
        Copy root = new Copy(History.EMPTY);
        root.forward = 0;
        root.state = scorer.start();
        Map<History, Copy> first = new HashMap<>();
        first.put(History.EMPTY, root);
        copies.set(0, first);

        // expanded arcs, created in order of their start copy's id
        IntArrayList arcFrom = new IntArrayList();
        List<Copy> arcTo = new ArrayList<>();
        IntArrayList arcOrig = new IntArrayList();
        DoubleArrayList arcLogProb = new DoubleArrayList();
        DoubleArrayList arcScore = new DoubleArrayList();
        List<Copy> alive = new ArrayList<>();
        int pruned = 0;

        for (int v = 0; v < n; v++) {
            Map<History, Copy> here = copies.get(v);
            copies.set(v, null);
            if (here == null) {
                continue;
            }
            List<Copy> list = new ArrayList<>(here.values());
            list.sort((x, y) -> Double.compare(y.forward, x.forward));
            double floor = list.get(0).forward - beam;
            int keep = 0;
            while (keep < list.size() && keep < maxHistories && list.get(keep).forward >= floor) {
                keep++;
            }
            pruned += list.size() - keep;
            List<LmState> states = new ArrayList<>(keep);
            for (int i = 0; i < keep; i++) {
                Copy x = list.get(i);
                x.id = alive.size();
                alive.add(x);
                if (v != end) {  // at the end nothing follows: no state needed
                    if (x.state == null) {
                        x.state = x.fromWord == Scorer.SKIP ? x.fromState : scorer.next(x.fromState, x.fromWord);
                        x.fromState = null;
                    }
                    states.add(x.state);
                }
            }
            scorer.prepare(states);  // the node's copies are scored next: a model may batch their shared work
            for (int i = 0; i < keep && v != end; i++) {
                Copy x = list.get(i);
                for (int a = lattice.firstOut(v); a < lattice.firstOut(v + 1); a++) {
                    int target = lattice.to(a);
                    String token = lattice.word(a);
                    int id = scorer.lmToken(token);
                    double lp = 0;
                    History h = x.history;
                    if (id != Scorer.SKIP) {
                        lp = prob(x, id);
                        h = h.push(id, historyOrder - 1);
                    }
                    if (target == end) {
                        lp += endProb(x, id);
                        h = History.EMPTY;
                    }
                    int counted = scorer.counts(token) ? 1 : 0;
                    double score = w.total(lattice.acoustic(a), lp, counted, lattice.lmScore(a));
                    Map<History, Copy> there = copies.get(target);
                    if (there == null) {
                        there = new HashMap<>();
                        copies.set(target, there);
                    }
                    Copy y = there.get(h);
                    if (y == null) {
                        y = new Copy(h);
                        there.put(h, y);
                    }
                    int arcIndex = arcFrom.size();
                    if (arcIndex >= maxArcs) {
                        throw new ExpansionBudgetExceeded(maxArcs);
                    }
                    arcFrom.add(x.id);
                    arcTo.add(y);
                    arcOrig.add(a);
                    arcLogProb.add(lp);
                    arcScore.add(score);
                    double f = x.forward + score;
                    if (f > y.forward) {
                        y.forward = f;
                        y.bestArc = arcIndex;
                        y.fromState = x.state;
                        y.fromWord = id;
                    }
                }
                x.probs = null;
                x.state = null;  // its successors hold it as fromState if they need it
            }
            for (int i = keep; i < list.size(); i++) {
                list.get(i).fromState = null;
            }
        }
        return assemble(lattice, alive, arcFrom, arcTo, arcOrig, arcLogProb, calls, pruned);
    }

    private double prob(Copy x, int id) {
        if (x.probs == null) {
            x.probs = new Int2DoubleOpenHashMap(8);
            x.probs.defaultReturnValue(Double.NaN);
        }
        double lp = x.probs.get(id);
        if (Double.isNaN(lp)) {
            lp = scorer.logProb(x.state, id);
            calls++;
            x.probs.put(id, lp);
        }
        return lp;
    }

    /** ln P(&lt;/s&gt;) after the copy's history and {@code id} (SKIP: nothing more read). */
    private double endProb(Copy x, int id) {
        // key the cache on a value no vocabulary id takes
        int key = id == Scorer.SKIP ? Integer.MIN_VALUE : Integer.MIN_VALUE + 1 + (id + 1);
        if (x.probs == null) {
            x.probs = new Int2DoubleOpenHashMap(8);
            x.probs.defaultReturnValue(Double.NaN);
        }
        double lp = x.probs.get(key);
        if (Double.isNaN(lp)) {
            LmState s = id == Scorer.SKIP ? x.state : scorer.next(x.state, id);
            lp = scorer.endLogProb(s);
            calls++;
            x.probs.put(key, lp);
        }
        return lp;
    }

    /** Keeps the copies on surviving start-to-end paths and builds the rescored lattice. */
    private RescoredLattice assemble(Lattice lattice, List<Copy> alive, IntArrayList arcFrom, List<Copy> arcTo,
                                     IntArrayList arcOrig, DoubleArrayList arcLogProb, long calls, int pruned) {
        ScoreWeights w = scorer.weights();
        int nodes = alive.size();
        int arcs = arcFrom.size();
        int endCopy = nodes - 1;
        // backwards: which copies reach the end through surviving arcs
        boolean[] live = new boolean[nodes];
        live[endCopy] = true;
        for (int e = arcs - 1; e >= 0; e--) {
            int to = arcTo.get(e).id;
            if (to >= 0 && live[to]) {
                live[arcFrom.getInt(e)] = true;
            }
        }
        int[] newId = new int[nodes];
        int count = 0;
        for (int c = 0; c < nodes; c++) {
            newId[c] = live[c] ? count++ : -1;
        }
        double[] time = new double[count];
        int[] origNode = new int[nodes];
        int keptArcs = 0;
        for (int e = 0; e < arcs; e++) {
            int to = arcTo.get(e).id;
            if (to >= 0 && live[to] && live[arcFrom.getInt(e)]) {
                keptArcs++;
                origNode[to] = lattice.to(arcOrig.getInt(e));
            }
        }
        for (int c = 0; c < nodes; c++) {
            if (live[c]) {
                time[newId[c]] = c == 0 ? lattice.nodeTime(0) : lattice.nodeTime(origNode[c]);
            }
        }
        int[] from = new int[keptArcs];
        int[] to = new int[keptArcs];
        String[] word = new String[keptArcs];
        double[] acoustic = new double[keptArcs];
        double[] lmScore = new double[keptArcs];
        double[] begin = new double[keptArcs];
        double[] end = new double[keptArcs];
        double[] logProb = new double[keptArcs];
        double[] firstPass = new double[keptArcs];
        int[] counted = new int[keptArcs];
        int[] newArc = new int[arcs];
        int k = 0;
        for (int e = 0; e < arcs; e++) {
            int t = arcTo.get(e).id;
            int f = arcFrom.getInt(e);
            if (t < 0 || !live[t] || !live[f]) {
                newArc[e] = -1;
                continue;
            }
            int a = arcOrig.getInt(e);
            newArc[e] = k;
            from[k] = newId[f];
            to[k] = newId[t];
            word[k] = lattice.word(a);
            String token = word[k];
            counted[k] = scorer.counts(token) ? 1 : 0;
            acoustic[k] = w.acousticScale() * lattice.acoustic(a);
            logProb[k] = arcLogProb.getDouble(e);
            firstPass[k] = lattice.lmScore(a);
            // the lattice charges the word penalty to words; a counted filler carries its own
            double fillerPenalty = counted[k] == 1 && !Tokens.isWord(token) ? w.wordPenalty() : 0;
            lmScore[k] = w.lmPart(logProb[k], firstPass[k]) + fillerPenalty;
            begin[k] = lattice.begin(a);
            end[k] = lattice.end(a);
            k++;
        }
        Lattice out = new Lattice(lattice.id(), new LatticeHeader("rescored", w.lmScale(), w.wordPenalty()),
                time, from, to, word, acoustic, lmScore, begin, end);
        // the best path: follow each copy's best incoming arc back from the end
        IntArrayList back = new IntArrayList();
        Copy c = alive.get(endCopy);
        double best = c.forward;
        while (c.bestArc >= 0) {
            back.add(newArc[c.bestArc]);
            c = alive.get(arcFrom.getInt(c.bestArc));
        }
        int[] path = new int[back.size()];
        for (int i = 0; i < path.length; i++) {
            path[i] = back.getInt(path.length - 1 - i);
        }
        return new RescoredLattice(out, logProb, firstPass, counted, new LatticePath(out, path, best), calls, pruned);
    }
}
