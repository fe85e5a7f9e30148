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
 * 2n after the last). {@link NBestConsensus} builds one from an N-best list, {@link LatticeMbr}
 * from a lattice.
 *
 * <p>The consensus (minimum-Bayes-risk) decoding keeps each slot's most probable entry, nothing
 * where that is the empty word: it minimises the expected word errors, which is what WER counts,
 * where the Viterbi best minimises the sentence error. An entry's posterior is its confidence.
 */
public final class ConfusionNetwork implements java.io.Serializable {
    /** SRILM's name for the empty word in a mesh. */
    public static final String EMPTY_WORD = "*DELETE*";

    /** A decoded word, its posterior (its confidence), and its start and end in seconds (NaN when unknown). */
    public record Word(String word, double posterior, double begin, double end) implements java.io.Serializable {
        public Word(String word, double posterior) {
            this(word, posterior, Double.NaN, Double.NaN);
        }

        public boolean hasTime() {
            return !Double.isNaN(begin) && !Double.isNaN(end);
        }
    }

    /**
     * One slot: its words (in a gap slot of an N-best network, a space-separated word sequence)
     * with their posteriors, the pivot's entry (null: the empty word, as in every gap slot), and
     * where known each word's time span ({@code {begin, end}} seconds, averaged over the paths
     * that put it there).
     */
    public record Slot(Map<String, Double> words, String pivot, Map<String, double[]> spans)
            implements java.io.Serializable {
        public Slot(Map<String, Double> words, String pivot) {
            this(words, pivot, Map.of());
        }

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
                double[] span = slot.spans().get(best);
                for (String w : best.split(" ")) {
                    out.add(span == null ? new Word(w, p) : new Word(w, p, span[0], span[1]));
                }
            }
        }
        return out;
    }

    /** A hypothesis of the network and ln of its posterior there (the product of its entries' posteriors). */
    public record MeshPath(List<String> words, double logPosterior) {
    }

    /**
     * The network's {@code k} most probable hypotheses, best first (SRILM's {@code -nbest-decode}
     * of a mesh): one entry per slot, the product of their posteriors. The slots are independent,
     * so keeping the best prefixes slot by slot is exact; 4k of them are kept, so that choices
     * giving the same words (an empty entry in one slot or the other), counted once at their
     * best, still leave k.
     */
    public List<MeshPath> nbest(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        List<MeshPath> beam = List.of(new MeshPath(List.of(), 0));
        for (Slot slot : slots) {
            Map<String, Double> entries = new LinkedHashMap<>(slot.words());
            double empty = slot.empty();
            List<MeshPath> next = new ArrayList<>();
            for (MeshPath p : beam) {
                if (empty > 0) {
                    next.add(new MeshPath(p.words(), p.logPosterior() + Math.log(empty)));
                }
                for (Map.Entry<String, Double> e : entries.entrySet()) {
                    if (e.getValue() > 0) {
                        List<String> words = new ArrayList<>(p.words());
                        words.addAll(List.of(e.getKey().split(" ")));
                        next.add(new MeshPath(words, p.logPosterior() + Math.log(e.getValue())));
                    }
                }
            }
            next.sort((a, b) -> Double.compare(b.logPosterior(), a.logPosterior()));
            beam = next.subList(0, Math.min(k * 4, next.size()));  // room for the duplicates dropped at the end
        }
        List<MeshPath> out = new ArrayList<>();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (MeshPath p : beam) {
            if (out.size() < k && seen.add(p.words())) {
                out.add(p);
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
}
