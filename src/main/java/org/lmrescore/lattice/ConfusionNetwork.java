package org.lmrescore.lattice;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A confusion network (Mangu, Brill &amp; Stolcke 2000: a "sausage"): a sequence of slots, each a
 * set of competing words with posteriors, the empty word holding the rest of the slot's mass.
 * Every network here is aligned to a pivot hypothesis (the Viterbi best): slot 2j+1 holds what
 * the other hypotheses put against the pivot's word j, slot 2j what they insert before it (slot
 * 2n after the last). {@link NBestConsensus} builds one from an N-best list, {@link #ofLattice}
 * from a lattice's arc posteriors.
 *
 * <p>The consensus (minimum-Bayes-risk) decoding keeps each slot's most probable entry, nothing
 * where that is the empty word: it minimises the expected word errors, which is what WER counts,
 * where the Viterbi best minimises the sentence error. An entry's posterior is its confidence.
 */
public final class ConfusionNetwork {
    /** SRILM's name for the empty word in a mesh. */
    public static final String EMPTY_WORD = "*DELETE*";

    /** A decoded word and its posterior (its confidence). */
    public record Word(String word, double posterior) {
    }

    /**
     * One slot: its words (in a gap slot of an N-best network, a space-separated word sequence)
     * with their posteriors, and the pivot's entry (null: the empty word, as in every gap slot).
     */
    public record Slot(Map<String, Double> words, String pivot) {
        /** The empty word's posterior: what the words leave of 1. */
        public double empty() {
            double sum = 0;
            for (double p : words.values()) {
                sum += p;
            }
            return Math.max(0, 1 - sum);
        }

        /** The slot's most probable entry, null for the empty word; ties go to the pivot's entry. */
        public String best() {
            String best = null;
            double bestPosterior = empty();
            for (Map.Entry<String, Double> e : words.entrySet()) {
                double p = e.getValue();
                if (p > bestPosterior || p == bestPosterior && e.getKey().equals(pivot)) {
                    best = e.getKey();
                    bestPosterior = p;
                }
            }
            return best;
        }

        /** The posterior of an entry (the empty word for null). */
        public double posterior(String entry) {
            return entry == null ? empty() : words.getOrDefault(entry, 0.0);
        }
    }

    private final List<Slot> slots;

    ConfusionNetwork(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    public List<Slot> slots() {
        return slots;
    }

    /** The consensus: each slot's most probable entry with its posterior, empty words left out. */
    public List<Word> consensus() {
        List<Word> out = new ArrayList<>();
        for (Slot slot : slots) {
            String best = slot.best();
            if (best != null) {
                double p = slot.posterior(best);
                for (String w : best.split(" ")) {
                    out.add(new Word(w, p));
                }
            }
        }
        return out;
    }

    /** The posterior of each pivot word in its slot, in order: the Viterbi best's word confidences. */
    public double[] pivotPosteriors() {
        double[] out = new double[slots.size() / 2];
        for (int j = 0; j < out.length; j++) {
            Slot s = slots.get(2 * j + 1);
            out[j] = s.posterior(s.pivot());
        }
        return out;
    }

    /**
     * Writes the network in SRILM's mesh format ({@code lattice-tool -write-mesh}): {@code name},
     * {@code numaligns}, {@code posterior 1}, then per slot {@code align N word p word p ...}
     * with {@link #EMPTY_WORD} for the empty word. Slots holding only the empty word are left out;
     * a word sequence of an N-best gap slot is written joined by '_'.
     */
    public void writeMesh(Writer w, String name) throws IOException {
        List<Slot> written = new ArrayList<>();
        for (Slot s : slots) {
            if (!s.words().isEmpty()) {
                written.add(s);
            }
        }
        w.write("name " + name + "\nnumaligns " + written.size() + "\nposterior 1\n");
        for (int i = 0; i < written.size(); i++) {
            Slot s = written.get(i);
            StringBuilder line = new StringBuilder("align ").append(i);
            for (Map.Entry<String, Double> e : s.words().entrySet()) {
                line.append(' ').append(e.getKey().replace(' ', '_')).append(' ').append(format(e.getValue()));
            }
            double empty = s.empty();
            if (empty > 0) {
                line.append(' ').append(EMPTY_WORD).append(' ').append(format(empty));
            }
            w.write(line.append('\n').toString());
        }
    }

    private static String format(double p) {
        return String.format(Locale.ROOT, "%.6g", p);
    }

    /**
     * The network of a rescored lattice at posterior scale {@code scale} ({@link ArcPosteriors}),
     * aligned by time to its Viterbi best: pivot word j's slot holds the words of the arcs that
     * cover its midpoint. Each path has exactly one arc there, so the slot sums to 1 and a path
     * whose arc there is a filler, or a word counted in a neighbouring slot (one that overlaps
     * that slot's pivot word more), counts as the empty word. An arc covering no pivot midpoint is
     * an insertion in the gap it falls in; should one gap collect more than 1 (paths with several
     * words in it), its posteriors are scaled down to sum to 1. Words of the same slot are merged,
     * which sums the posteriors of a word over arcs overlapping in time, as SRILM and Kaldi do.
     *
     * @return the network, or null when a word arc with some posterior has no times, or a pivot
     *         word no duration (then only an N-best network is possible)
     */
    public static ConfusionNetwork ofLattice(Lattice lattice, double scale) {
        return ofLattice(lattice, ArcPosteriors.of(lattice, scale), KBestPaths.best(lattice));
    }

    /** {@link #ofLattice(Lattice, double)} with the arc posteriors computed and the Viterbi best (the pivot) found. */
    public static ConfusionNetwork ofLattice(Lattice lattice, ArcPosteriors post, LatticePath pivot) {
        List<Integer> pivotArcs = new ArrayList<>();
        for (int a : pivot.arcs()) {
            if (Tokens.isWord(lattice.word(a))) {
                pivotArcs.add(a);
            }
        }
        int n = pivotArcs.size();
        double[] begin = new double[n];
        double[] end = new double[n];
        double[] mid = new double[n];
        List<Map<String, Double>> words = new ArrayList<>();
        for (int s = 0; s <= 2 * n; s++) {
            words.add(new LinkedHashMap<>());
        }
        for (int j = 0; j < n; j++) {
            int a = pivotArcs.get(j);
            begin[j] = lattice.begin(a);
            end[j] = lattice.end(a);
            if (!(end[j] > begin[j])) {
                return null;  // NaN times or no duration: no midpoint to align on
            }
            mid[j] = (begin[j] + end[j]) / 2;
        }
        for (int a = 0; a < lattice.arcCount(); a++) {
            double p = post.of(a);
            if (!(p > 0) || !Tokens.isWord(lattice.word(a))) {
                continue;
            }
            double b = lattice.begin(a);
            double e = lattice.end(a);
            if (Double.isNaN(b) || Double.isNaN(e)) {
                return null;
            }
            int first = firstAtOrAfter(mid, b);
            int slot = 2 * first;  // the gap before the first midpoint at or after the arc's start
            double bestOverlap = -1;
            for (int j = first; j < n && mid[j] < e; j++) {
                double overlap = Math.min(e, end[j]) - Math.max(b, begin[j]);
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    slot = 2 * j + 1;
                }
            }
            words.get(slot).merge(lattice.word(a), p, Double::sum);
        }
        List<Slot> slots = new ArrayList<>();
        for (int s = 0; s <= 2 * n; s++) {
            Map<String, Double> w = words.get(s);
            if (s % 2 == 0) {
                normaliseGap(w);
            }
            slots.add(new Slot(w, s % 2 == 1 ? lattice.word(pivotArcs.get(s / 2)) : null));
        }
        return new ConfusionNetwork(slots);
    }

    /** The first index whose value is at or after {@code t} (values ascending); the length when none. */
    private static int firstAtOrAfter(double[] values, double t) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (values[m] < t) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private static void normaliseGap(Map<String, Double> gap) {
        double sum = 0;
        for (double p : gap.values()) {
            sum += p;
        }
        if (sum > 1) {
            double scale = 1 / sum;
            gap.replaceAll((w, p) -> p * scale);
        }
    }
}
