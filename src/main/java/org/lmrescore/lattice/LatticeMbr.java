package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.ints.Int2DoubleMap;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimum-Bayes-risk decoding of a lattice and its confusion network by the edit-distance
 * recursion of Xu, Povey, Mangu &amp; Zhu 2011 ("Minimum Bayes risk decoding and system combination
 * based on a recursion for edit distance", the algorithm of Kaldi's {@code lattice-mbr-decode}).
 *
 * <p>Why this and not a clustering by time: the recursion aligns every lattice path to a
 * hypothesis R by (an approximation of) the edit distance itself, so the expected word errors of
 * R, the quantity MBR minimises, is what it computes and lowers. With R written as
 * {@code eps w1 eps w2 ... wn eps}, forward-backward over the alignments gives, for each position
 * q of R, the posterior of every word (or of nothing) aligned to it: a confusion network whose odd
 * slots hold R's words and whose even slots what the paths insert between them. Replacing each
 * position's entry by its most probable one never raises the expected errors, by the paper's
 * bound; repeated from the Viterbi best until nothing changes, it is the MBR hypothesis. It needs
 * no word times, so every lattice has a network.
 *
 * <p>Fillers and null arcs are the empty word: they pass every alignment through, taking no
 * position of R (so a word a path inserts after a pause is still seen in its gap). Arc weights are the lattice's own
 * ({@link Lattice#weight}, for a rescored lattice the new totals) times the posterior scale.
 * The recursion keeps (nodes x (2n+2)) numbers twice; a lattice past {@link #MAX_CELLS} is first
 * pruned ({@link LatticePruner}) at a beam that fits, from {@link #BEAM} down, which only drops
 * paths with a negligible share of the posterior; when nothing fits, there is no recursion.
 */
public final class LatticeMbr {
    /** Cost of aligning a lattice word to no position of R; tiny, so it loses ties to a gap slot. */
    private static final double SKIP = 1e-5;
    /** Most iterations of the update (the paper's converge in a few; Kaldi stops at 100). */
    private static final int MAX_ITERATIONS = 100;
    /** Memory budget of the recursion, in (node, position) cells of each of its two tables. */
    public static final long MAX_CELLS = 8_000_000;
    /** First pruning beam, in natural log at the posterior scale, for a lattice over the budget. */
    public static final double BEAM = 20;

    private static final int EMPTY = 0;

    private final Lattice lattice;
    private final int[] wordId;        // per arc: 0 for the empty word
    private final double[] logWeight;  // per arc: scale x weight
    private final List<String> words = new ArrayList<>(List.of(ConfusionNetwork.EMPTY_WORD));  // by id
    private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
    private final double[] alpha;      // per node: ln of the scaled weight of all paths reaching it

    private LatticeMbr(Lattice lattice, double scale) {
        this.lattice = lattice;
        ids.defaultReturnValue(-1);
        wordId = new int[lattice.arcCount()];
        logWeight = new double[lattice.arcCount()];
        for (int a = 0; a < wordId.length; a++) {
            wordId[a] = Tokens.isWord(lattice.word(a)) ? id(lattice.word(a)) : EMPTY;
            logWeight[a] = scale * lattice.weight(a);
        }
        alpha = new double[lattice.nodeCount()];
        Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        alpha[lattice.startNode()] = 0;
        for (int n = 0; n < lattice.nodeCount(); n++) {
            for (int i = 0; i < lattice.inDegree(n); i++) {
                int a = lattice.inArc(n, i);
                alpha[n] = ArcPosteriors.logAdd(alpha[n], alpha[lattice.from(a)] + logWeight[a]);
            }
        }
    }

    /**
     * The recursion over {@code lattice} at posterior scale {@code scale} (positive, finite),
     * pruned first when {@code pivotWords} long hypotheses would exceed the memory budget; null
     * when even its best path alone would (a hypothesis of thousands of words), for the caller to
     * align an N-best list instead.
     */
    public static LatticeMbr of(Lattice lattice, double scale, int pivotWords) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("posterior scale must be a positive number, not " + scale);
        }
        Lattice l = lattice;
        // R may grow while it is decoded: room for twice the pivot's words. The last beams keep
        // little more than the best path, so the budget holds for any lattice.
        for (double beam = BEAM; (long) l.nodeCount() * (4L * pivotWords + 2) > MAX_CELLS && beam > 1e-6; beam /= 4) {
            l = LatticePruner.prune(lattice, beam / scale);
        }
        return (long) l.nodeCount() * (4L * pivotWords + 2) > MAX_CELLS ? null : new LatticeMbr(l, scale);
    }

    /** The id of a word, a new one for a word not seen yet (one the lattice lacks is aligned, never chosen). */
    private int id(String word) {
        int id = ids.getInt(word);
        if (id < 0) {
            id = words.size();
            ids.put(word, id);
            words.add(word);
        }
        return id;
    }

    /** The network aligned to {@code words} (e.g. the Viterbi best: its odd slots' posteriors are those words' confidences). */
    public ConfusionNetwork alignedTo(List<String> words) {
        return networks(words, false).aligned();
    }

    /**
     * MBR decoding from {@code start} (the Viterbi best): the network of the hypothesis that no
     * slot's update changes any more; its consensus is the MBR 1-best.
     */
    public ConfusionNetwork decode(List<String> start) {
        return networks(start, true).decoded();
    }

    /** The network aligned to a hypothesis and, when decoding, the MBR network reached from it (else the same). */
    public record Networks(ConfusionNetwork aligned, ConfusionNetwork decoded) {
    }

    /**
     * The network aligned to {@code start} and, when {@code decode}, the MBR network the updates
     * reach from it: the first pass of the decoding is the alignment, computed once for both.
     */
    public Networks networks(List<String> start, boolean decode) {
        int[] r = withGaps(ids(start));
        ConfusionNetwork aligned = null;
        for (int iteration = 0; ; iteration++) {
            Stats stats = accumulate(r);
            if (aligned == null) {
                aligned = network(r, stats);
                if (!decode) {
                    return new Networks(aligned, aligned);
                }
            }
            List<Int2DoubleOpenHashMap> gamma = stats.gamma();
            int[] next = r.clone();
            boolean changed = false;
            for (int q = 0; q < r.length; q++) {
                int best = r[q];
                double bestPosterior = gamma.get(q).get(r[q]);
                for (Int2DoubleMap.Entry e : gamma.get(q).int2DoubleEntrySet()) {
                    if (e.getDoubleValue() > bestPosterior) {
                        best = e.getIntKey();
                        bestPosterior = e.getDoubleValue();
                    }
                }
                changed |= best != r[q];
                next[q] = best;
            }
            if (!changed || iteration + 1 >= MAX_ITERATIONS) {
                return new Networks(aligned, iteration == 0 ? aligned : network(r, stats));
            }
            r = withGaps(Arrays.stream(next).filter(w -> w != EMPTY).toArray());
        }
    }

    private int[] ids(List<String> hypothesis) {
        int[] out = new int[hypothesis.size()];
        int n = 0;
        for (String w : hypothesis) {
            if (Tokens.isWord(w)) {
                out[n++] = id(w);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code eps w1 eps w2 ... wn eps}. */
    private static int[] withGaps(int[] words) {
        int[] r = new int[2 * words.length + 1];
        for (int j = 0; j < words.length; j++) {
            r[2 * j + 1] = words[j];
        }
        return r;
    }

    /**
     * What one pass gathers per position of r: each word id's posterior there, and the sums of
     * its start and end times weighted by that posterior.
     */
    private record Stats(List<Int2DoubleOpenHashMap> gamma, List<Int2DoubleOpenHashMap> beginSum,
                         List<Int2DoubleOpenHashMap> endSum) {
        Stats(int positions) {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int q = 0; q < positions; q++) {
                gamma.add(new Int2DoubleOpenHashMap());
                beginSum.add(new Int2DoubleOpenHashMap());
                endSum.add(new Int2DoubleOpenHashMap());
            }
        }
    }

    private ConfusionNetwork network(int[] r, Stats stats) {
        List<ConfusionNetwork.Slot> slots = new ArrayList<>();
        for (int q = 0; q < r.length; q++) {
            Map<String, Double> entries = new LinkedHashMap<>();
            Map<String, double[]> spans = new LinkedHashMap<>();
            Int2DoubleOpenHashMap begin = stats.beginSum().get(q);
            Int2DoubleOpenHashMap end = stats.endSum().get(q);
            stats.gamma().get(q).int2DoubleEntrySet().stream()
                    .filter(e -> e.getIntKey() != EMPTY)
                    .sorted((x, y) -> Double.compare(y.getDoubleValue(), x.getDoubleValue()))
                    .forEach(e -> {
                        String word = words.get(e.getIntKey());
                        double p = e.getDoubleValue();
                        entries.put(word, p);
                        spans.put(word, new double[] {begin.get(e.getIntKey()) / p, end.get(e.getIntKey()) / p});
                    });
            slots.add(new ConfusionNetwork.Slot(entries, r[q] == EMPTY ? null : words.get(r[q]), spans));
        }
        return new ConfusionNetwork(slots);
    }

    private static double loss(int a, int b) {
        return a == b ? 0 : 1;
    }

    /**
     * One forward-backward pass over the alignments of every path to {@code r} (the paper's
     * figures 4 and 5): for each position q of r, the posterior of each word id aligned to it
     * (the empty word where a path deletes r's entry), and their times.
     */
    private Stats accumulate(int[] r) {
        int nodes = lattice.nodeCount();
        int width = r.length + 1;  // alignment positions 0 (before r) .. r.length
        double[] cost = new double[nodes * width];  // expected edit distance of the paths into a node to r[0..q)
        double[] arcCost = new double[width];
        int start = lattice.startNode();
        for (int q = 1; q < width; q++) {
            cost[start * width + q] = cost[start * width + q - 1] + loss(EMPTY, r[q - 1]);
        }
        for (int n = 0; n < nodes; n++) {
            if (n == start || alpha[n] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            for (int i = 0; i < lattice.inDegree(n); i++) {
                int a = lattice.inArc(n, i);
                int s = lattice.from(a);
                if (alpha[s] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                arcCosts(a, s, r, cost, arcCost, null);
                double share = Math.exp(alpha[s] + logWeight[a] - alpha[n]);
                for (int q = 0; q < width; q++) {
                    cost[n * width + q] += share * arcCost[q];
                }
            }
        }
        double[] occupancy = new double[nodes * width];  // posterior of the alignments through (node, q)
        double[] arcOccupancy = new double[width];
        byte[] step = new byte[width];
        Stats stats = new Stats(r.length);
        List<Int2DoubleOpenHashMap> gamma = stats.gamma();
        occupancy[lattice.endNode() * width + r.length] = 1;
        for (int n = nodes - 1; n >= 0; n--) {
            if (n == start || alpha[n] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            for (int i = 0; i < lattice.inDegree(n); i++) {
                int a = lattice.inArc(n, i);
                int s = lattice.from(a);
                if (alpha[s] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                arcCosts(a, s, r, cost, arcCost, step);
                double share = Math.exp(alpha[s] + logWeight[a] - alpha[n]);
                Arrays.fill(arcOccupancy, 0);
                for (int q = width - 1; q >= 1; q--) {
                    arcOccupancy[q] += share * occupancy[n * width + q];
                    double o = arcOccupancy[q];
                    if (o == 0) {
                        continue;
                    }
                    switch (step[q]) {
                        case MATCH -> {
                            occupancy[s * width + q - 1] += o;
                            gamma.get(q - 1).addTo(wordId[a], o);
                            stats.beginSum().get(q - 1).addTo(wordId[a], o * lattice.begin(a));
                            stats.endSum().get(q - 1).addTo(wordId[a], o * lattice.end(a));
                        }
                        case SKIP_WORD -> occupancy[s * width + q] += o;
                        default -> {  // DELETE: r[q-1] aligned to nothing of this path
                            arcOccupancy[q - 1] += o;
                            gamma.get(q - 1).addTo(EMPTY, o);
                        }
                    }
                }
                arcOccupancy[0] += share * occupancy[n * width];
                occupancy[s * width] += arcOccupancy[0];
            }
        }
        // the start node: r's entries before the first arc are deletions
        double carried = 0;
        for (int q = width - 1; q >= 1; q--) {
            carried += occupancy[start * width + q];
            gamma.get(q - 1).addTo(EMPTY, carried);
        }
        return stats;
    }

    private static final byte MATCH = 1;
    private static final byte SKIP_WORD = 2;
    private static final byte DELETE = 3;

    /**
     * The cost of the alignment of arc {@code a} (from node {@code s}) ending at each position of
     * r: its word against r's entry (MATCH), its word against nothing (SKIP_WORD), or r's entry
     * against nothing after it (DELETE); the choices into {@code step} when given.
     */
    private void arcCosts(int a, int s, int[] r, double[] cost, double[] arcCost, byte[] step) {
        int width = r.length + 1;
        int w = wordId[a];
        int base = s * width;
        if (w == EMPTY) {  // a filler or null arc passes every alignment through unchanged
            System.arraycopy(cost, base, arcCost, 0, width);
            if (step != null) {
                java.util.Arrays.fill(step, SKIP_WORD);
            }
            return;
        }
        arcCost[0] = cost[base] + loss(w, EMPTY) + SKIP;
        for (int q = 1; q < width; q++) {
            double match = cost[base + q - 1] + loss(w, r[q - 1]);
            double skip = cost[base + q] + loss(w, EMPTY) + SKIP;
            double delete = arcCost[q - 1] + loss(EMPTY, r[q - 1]);
            byte choice;
            double c;
            if (match <= skip && match <= delete) {
                choice = MATCH;
                c = match;
            } else if (skip <= delete) {
                choice = SKIP_WORD;
                c = skip;
            } else {
                choice = DELETE;
                c = delete;
            }
            arcCost[q] = c;
            if (step != null) {
                step[q] = choice;
            }
        }
    }
}
