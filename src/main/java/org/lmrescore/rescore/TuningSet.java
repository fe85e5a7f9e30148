package org.lmrescore.rescore;

import org.lmrescore.eval.Aligner;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.LatticePruner;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.PrefixTreeRescorer;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.Scorer;
import org.lmrescore.lattice.Utterance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What tuning needs of each utterance, computed once: for each hypothesis of its N-best list
 * (the input list, or the k best first-pass paths of its lattice) the parts of the total that do
 * not depend on the weights (acoustic score, ln P of the model, word count, first-pass LM score)
 * and its errors against the reference (sclite alignment, as the {@code wer} scorer counts them).
 * Re-ranking under new weights is then arithmetic, so a grid or a simplex search costs nothing.
 */
public final class TuningSet {
    /** One hypothesis: its words, weight-independent score parts and errors. */
    public record Item(List<String> words, double acoustic, double lmLogProb, int wordCount, double firstPassLm, int errors) {
        double total(ScoreWeights w) {
            return w.acousticScale() * acoustic + w.lmScale() * lmLogProb + w.wordPenalty() * wordCount
                    + w.firstPassWeight() * firstPassLm;
        }
    }

    /** One utterance: its hypotheses in first-pass order and its reference length. */
    public record Entry(String id, List<Item> items, int referenceWords) {
        /** The hypothesis the weights choose (the first one on ties). */
        public Item choose(ScoreWeights w) {
            Item best = items.get(0);
            double bestTotal = best.total(w);
            for (Item it : items) {
                double t = it.total(w);
                if (t > bestTotal) {
                    best = it;
                    bestTotal = t;
                }
            }
            return best;
        }
    }

    private final List<Entry> entries;

    private TuningSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A set from entries computed elsewhere. */
    public static TuningSet of(List<Entry> entries) {
        return new TuningSet(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Scores every utterance that has a reference: lattices contribute their {@code k} best distinct
     * first-pass paths (after pruning with {@code pruneBeam}), N-best inputs their hypotheses.
     */
    public static TuningSet build(List<Utterance> utterances, Scorer scorer, int k, double pruneBeam,
                                  Map<String, List<String>> references, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "tune");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Entry>> futures = new ArrayList<>();
            for (Utterance u : utterances) {
                List<String> ref = references.get(u.id());
                if (ref != null) {
                    futures.add(pool.submit(() -> entry(u, ref, scorer, k, pruneBeam)));
                }
            }
            List<Entry> entries = new ArrayList<>(futures.size());
            for (Future<Entry> f : futures) {
                entries.add(f.get());
            }
            return new TuningSet(entries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Entry entry(Utterance u, List<String> ref, Scorer scorer, int k, double pruneBeam) {
        NBestList list;
        if (u.isLattice()) {
            List<Hypothesis> hyps = new ArrayList<>();
            for (LatticePath p : KBestPaths.distinctWords(LatticePruner.prune(u.lattice(), pruneBeam), k)) {
                hyps.add(p.toHypothesis());
            }
            list = new NBestList(u.id(), hyps);
        } else {
            list = u.nbest();
        }
        List<Item> items = new ArrayList<>();
        for (ScoredHypothesis s : PrefixTreeRescorer.rescore(list, scorer)) {
            Hypothesis h = s.hypothesis();
            List<String> words = h.words();
            items.add(new Item(words, h.acoustic(), s.lmLogProb(), s.words(), h.firstPassLm(),
                    Aligner.SCLITE.align(ref, words).errors()));
        }
        return new Entry(u.id(), items, ref.size());
    }

    /** Every {@code every}-th entry starting at {@code offset} (0-based): a half for tuning, the other for testing. */
    public TuningSet slice(int every, int offset) {
        List<Entry> part = new ArrayList<>();
        for (int i = offset; i < entries.size(); i += every) {
            part.add(entries.get(i));
        }
        return new TuningSet(part);
    }

    /** WER in percent of the hypotheses the weights choose. */
    public double wer(ScoreWeights w) {
        long errors = 0;
        long words = 0;
        for (Entry e : entries) {
            errors += e.choose(w).errors();
            words += e.referenceWords();
        }
        return words == 0 ? Double.NaN : 100.0 * errors / words;
    }
}
