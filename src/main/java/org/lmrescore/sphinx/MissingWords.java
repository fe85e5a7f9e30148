package org.lmrescore.sphinx;

import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.linguist.language.ngram.LanguageModel;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The LM words that have no pronunciation in the dictionary: Sphinx can never recognise them
 * (it would log one line per word; the decode command reports the count and a few examples once).
 */
public final class MissingWords {
    private MissingWords() {
    }

    static List<String> find(LanguageModel lm, Dictionary dictionary) {
        List<String> missing = new ArrayList<>();
        for (String word : new TreeSet<>(lm.getVocabulary())) {
            if (word.startsWith("<") || word.startsWith("[")) {
                continue; // sentence markers and fillers are not dictionary words
            }
            if (dictionary.getWord(word) == null) {
                missing.add(word);
            }
        }
        return missing;
    }

    /** "3 LM words ... (e.g. a, b, c)" or null when none is missing. */
    static String describe(List<String> missing, int lmSize) {
        if (missing.isEmpty()) {
            return null;
        }
        List<String> examples = missing.subList(0, Math.min(10, missing.size()));
        return String.format("%,d of %,d LM words have no pronunciation in the dictionary and cannot be recognised (e.g. %s%s)",
                missing.size(), lmSize, String.join(", ", examples), missing.size() > examples.size() ? ", ..." : "");
    }
}
