package org.lmrescore.sphinx;

import edu.cmu.sphinx.linguist.WordSequence;
import edu.cmu.sphinx.linguist.dictionary.Word;
import edu.cmu.sphinx.linguist.language.ngram.LanguageModel;
import edu.cmu.sphinx.util.LogMath;

import java.util.List;

/**
 * The LM a Sphinx4 search used, queried the way the search queried it ({@code getProbability} of
 * the word after its last n-1 non-filler words), in natural log, with the language weight the
 * search applied. Sphinx's LMs cache per instance and are not thread-safe: use one per thread
 * (each {@link SphinxRecognizer} has its own, {@link SphinxRecognizer#firstPassLm()}).
 */
public final class FirstPassLm {
    private final LanguageModel model;
    private final double languageWeight;
    private final double lnPerUnit;

    public FirstPassLm(LanguageModel model, double languageWeight) {
        this.model = model;
        this.languageWeight = languageWeight;
        this.lnPerUnit = Math.log(LogMath.getLogMath().getLogBase());
    }

    /** n of the n-gram model: histories keep {@code order() - 1} words. */
    public int order() {
        return model.getMaxDepth();
    }

    public double languageWeight() {
        return languageWeight;
    }

    /** ln P(word | history), history oldest first and at most {@code order() - 1} words long. */
    public double lnProb(List<Word> history, Word word) {
        Word[] seq = new Word[history.size() + 1];
        for (int i = 0; i < history.size(); i++) {
            seq[i] = history.get(i);
        }
        seq[history.size()] = word;
        return model.getProbability(new WordSequence(seq)) * lnPerUnit;
    }
}
