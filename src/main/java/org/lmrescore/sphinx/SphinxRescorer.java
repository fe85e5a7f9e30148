package org.lmrescore.sphinx;

import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.result.LatticeOptimizer;
import edu.cmu.sphinx.result.Result;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.Tokens;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.LatticeRescorer;
import org.lmrescore.rescore.RescoreSettings;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.rescore.UtteranceRescorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rescores Sphinx4 results inside the caller's program: load the models once, build one rescorer,
 * and call it from any number of threads (the scorer is thread-safe; each call expands its own
 * lattice). Sphinx's word lattice is converted ({@link SphinxLatticeConverter}), pruned and expanded on
 * the history of the given model (Kaldi-style n-gram approximation, see {@link LatticeRescorer}) by
 * the pipeline of the {@code rescore} command ({@link UtteranceRescorer}): the same input pruning,
 * and for a lattice past the expansion budget the same fallbacks (harder pruning, then its N-best list).
 *
 * <pre>{@code
 * SphinxRescorer rescorer = new SphinxRescorer(NgramModels.loadAny("kn5.bin"), ScoreWeights.of(10, 0));
 * StreamSpeechRecognizer recognizer = new StreamSpeechRecognizer(configuration);
 * recognizer.startRecognition(audio);
 * for (SpeechResult r; (r = recognizer.getResult()) != null; ) {
 *     SphinxRescorer.Rescored best = rescorer.rescore("utt", r, 8.0);   // 8 = Sphinx's language weight
 *     System.out.println(best.transcript());
 * }
 * recognizer.stopRecognition();
 * }</pre>
 */
public final class SphinxRescorer {
    private final UtteranceRescorer rescorer;

    /** The rescored 1-best: its words with times (seconds), and its scores under the rescorer's weights. */
    public record Rescored(String id, List<TimedWord> words, ScoredHypothesis best) {
        public String transcript() {
            StringBuilder sb = new StringBuilder();
            for (TimedWord w : words) {
                sb.append(sb.length() > 0 ? " " : "").append(w.word());
            }
            return sb.toString();
        }
    }

    /** With the default expansion settings of the {@code rescore} command. */
    public SphinxRescorer(LanguageModel model, ScoreWeights weights) {
        this(model, weights, RescoreSettings.DEFAULT_HISTORY_ORDER, RescoreSettings.DEFAULT_BEAM,
                RescoreSettings.DEFAULT_MAX_HISTORIES);
    }

    public SphinxRescorer(LanguageModel model, ScoreWeights weights, int historyOrder, double beam, int maxHistories) {
        this(model, new RescoreSettings(weights, historyOrder, beam, maxHistories, RescoreSettings.DEFAULT_NBEST, false,
                RescoreSettings.DEFAULT_PRUNE_BEAM));
    }

    /** With all of {@code rescore}'s settings (pruning, expansion budget, N-best size, posteriors). */
    public SphinxRescorer(LanguageModel model, RescoreSettings settings) {
        this.rescorer = new UtteranceRescorer(new Scorer(model, settings.weights()), settings, null, null);
    }

    /** A result of Sphinx's high-level API ({@code languageWeight}: the one the decoder used). */
    public Rescored rescore(String id, SpeechResult result, double languageWeight) {
        edu.cmu.sphinx.result.Lattice lattice = result.getLattice();
        return lattice != null ? rescore(id, lattice, languageWeight) : rescore(id, result.getResult(), languageWeight);
    }

    /** A result of Sphinx's low-level API; its lattice is built and optimised as {@code SpeechResult} does. */
    public Rescored rescore(String id, Result result, double languageWeight) {
        edu.cmu.sphinx.result.Lattice lattice = new edu.cmu.sphinx.result.Lattice(result);
        new LatticeOptimizer(lattice).optimize();
        return rescore(id, lattice, languageWeight);
    }

    /** A Sphinx lattice with Sphinx's own edge LM scores as the first-pass scores. */
    public Rescored rescore(String id, edu.cmu.sphinx.result.Lattice lattice, double languageWeight) {
        return rescore(SphinxLatticeConverter.convert(id, lattice, languageWeight));
    }

    /** A Sphinx lattice with first-pass LM scores recomputed from the decoder's LM (see {@link SphinxRecognizer#firstPassLm()}). */
    public Rescored rescore(String id, edu.cmu.sphinx.result.Lattice lattice, FirstPassLm firstPass) {
        return rescore(SphinxLatticeConverter.convert(id, lattice, firstPass, UtteranceOutputs.MAX_EXPANDED_NODES));
    }

    /** A lattice already converted. */
    public Rescored rescore(Lattice lattice) {
        ScoredHypothesis best = rescorer.rescore(Utterance.of(Path.of(lattice.id()), lattice)).best();
        return new Rescored(lattice.id(), timedWords(best.hypothesis()), best);
    }

    /**
     * The whole rescored lattice (for N-best lists or writing it out), pruned and expanded as
     * {@code rescore} does; null when even the harder pruning of the fallback exceeds the
     * expansion budget (then {@link #rescore(Lattice)} rescores its N-best list).
     */
    public RescoredLattice rescoreLattice(Lattice lattice) {
        return rescorer.expand(lattice).lattice();
    }

    static List<TimedWord> timedWords(Hypothesis h) {
        List<TimedWord> out = new ArrayList<>();
        List<String> tokens = h.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (Tokens.isWord(tokens.get(i))) {
                double begin = h.begin() == null ? Double.NaN : h.begin()[i];
                double end = h.end() == null ? Double.NaN : h.end()[i];
                out.add(new TimedWord(tokens.get(i), begin, end));
            }
        }
        return out;
    }
}
