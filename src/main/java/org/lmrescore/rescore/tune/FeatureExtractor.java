package org.lmrescore.rescore.tune;

import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.TokenFilter;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.PrefixTree;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.util.Log;
import org.lmrescore.util.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores every hypothesis once with each component model separately (through a prefix tree per
 * utterance and model, so shared prefixes are scored once) and aligns it with its reference:
 * the {@link TuningSet} built from the result never calls a model again. Tokens are read exactly
 * as {@code rescore}'s {@link Scorer} reads them (fillers skipped unless asked, boundaries added
 * by the model, optional lower-casing), so a cached total equals the one {@code rescore} computes.
 */
public final class FeatureExtractor {
    private final List<LanguageModel> components;
    private final List<Scorer> readers;
    private final Scorer counter;

    /** {@code rnns} then {@code backoff} (may be null) are the components; {@code weights} say how tokens are read. */
    public FeatureExtractor(List<LanguageModel> rnns, LanguageModel backoff, ScoreWeights weights, boolean lowercase) {
        List<LanguageModel> all = new ArrayList<>(rnns);
        if (backoff != null) {
            all.add(backoff);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no model to tune with");
        }
        this.components = List.copyOf(all);
        this.readers = new ArrayList<>();
        for (LanguageModel m : components) {
            readers.add(new Scorer(m, weights, lowercase));
        }
        this.counter = readers.get(0);
    }

    /**
     * The features of every list that has a reference (others are skipped with a warning),
     * computed on {@code threads} threads.
     */
    public List<UtteranceFeatures> extract(List<NBestList> lists, Map<String, List<String>> references, int threads) {
        List<NBestList> usable = new ArrayList<>();
        for (NBestList l : lists) {
            if (references.containsKey(l.id())) {
                usable.add(l);
            } else {
                Log.warn("no reference for utterance %s: left out of tuning", l.id());
            }
        }
        Progress progress = new Progress("scoring hypotheses", usable.size(), "utt");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<UtteranceFeatures>> futures = new ArrayList<>();
            for (NBestList l : usable) {
                futures.add(pool.submit(() -> {
                    UtteranceFeatures f = features(l, references.get(l.id()));
                    progress.advance(1);
                    return f;
                }));
            }
            List<UtteranceFeatures> out = new ArrayList<>();
            for (Future<UtteranceFeatures> f : futures) {
                out.add(f.get());
            }
            progress.finish();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The features of one list against its reference words. */
    public UtteranceFeatures features(NBestList list, List<String> referenceWords) {
        List<String> reference = TokenFilter.SCLITE.apply(referenceWords);  // compared as WER compares them
        List<Hypothesis> hyps = list.hypotheses();
        double[][][] perComponent = new double[components.size()][][];
        for (int c = 0; c < components.size(); c++) {
            perComponent[c] = tokenLogProbs(hyps, components.get(c), readers.get(c));
        }
        List<HypothesisFeatures> out = new ArrayList<>(hyps.size());
        for (int h = 0; h < hyps.size(); h++) {
            Hypothesis hyp = hyps.get(h);
            int tokens = perComponent[0][h].length;
            double[][] byToken = new double[tokens][components.size()];
            for (int t = 0; t < tokens; t++) {
                for (int c = 0; c < components.size(); c++) {
                    byToken[t][c] = perComponent[c][h][t];
                }
            }
            int errors = Aligner.SCLITE.align(reference, TokenFilter.SCLITE.apply(hyp.words())).errors();
            out.add(new HypothesisFeatures(hyp.acoustic(), counter.wordCount(hyp.tokens()), hyp.firstPassLm(), byToken, errors,
                    hyp.words()));
        }
        return new UtteranceFeatures(list.id(), out, reference.size(), reference);
    }

    /** Per hypothesis, the model's raw ln P of each token it reads and then of {@code </s>}. */
    private static double[][] tokenLogProbs(List<Hypothesis> hyps, LanguageModel model, Scorer reader) {
        PrefixTree tree = new PrefixTree();
        for (Hypothesis h : hyps) {
            tree.add(reader.lmIds(h.tokens()));
        }
        tree.score(PrefixTree.of(model));
        double[][] out = new double[hyps.size()][];
        for (int h = 0; h < hyps.size(); h++) {
            out[h] = tree.tokenLogProbs(h);
        }
        return out;
    }
}
