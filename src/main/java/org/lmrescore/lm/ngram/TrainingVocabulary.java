package org.lmrescore.lm.ngram;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Word ids while training, in KenLM's layout: {@code <unk>} 0, {@code <s>} 1, {@code </s>} 2, then
 * words in order of first appearance. With a word list the vocabulary is fixed up front and other
 * words map to {@code <unk>}.
 */
final class TrainingVocabulary {
    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
    private final List<String> words = new ArrayList<>();
    private final boolean fixed;
    /** Complete already (a distributed counter's copy): a new word is a bug, not a new id. */
    private final boolean complete;

    TrainingVocabulary(Path wordList) {
        ids.defaultReturnValue(Vocabulary.NONE);
        insert(Vocabulary.UNK);
        insert(Vocabulary.BOS);
        insert(Vocabulary.EOS);
        if (wordList != null) {
            try (TextInput in = TextInput.open(wordList)) {
                String line;
                while ((line = in.readLine()) != null) {
                    for (String w : line.trim().split("\\s+")) {
                        if (!w.isEmpty() && ids.getInt(w) == Vocabulary.NONE) {
                            insert(w);
                        }
                    }
                }
            }
            if (words.size() == 3) {
                throw new InputFormatException(wordList, 0, "the vocabulary file lists no words");
            }
        }
        fixed = wordList != null;
        complete = false;
    }

    /** The vocabulary of {@code words} in id order (as {@link #words()} lists them), complete. */
    TrainingVocabulary(List<String> words, boolean fixed) {
        ids.defaultReturnValue(Vocabulary.NONE);
        for (String w : words) {
            insert(w);
        }
        this.fixed = fixed;
        this.complete = true;
    }

    private int insert(String w) {
        int id = words.size();
        ids.put(w, id);
        words.add(w);
        return id;
    }

    /** The id of a training token; a new word gets the next id, or {@code <unk>} with a fixed list. */
    int id(String w) {
        int id = ids.getInt(w);
        if (id != Vocabulary.NONE) {
            return id;
        }
        if (complete && !fixed) {
            throw new IllegalStateException("'" + w + "' is not in the vocabulary counted first");
        }
        return fixed ? UNK : insert(w);
    }

    int size() {
        return words.size();
    }

    List<String> words() {
        return words;
    }

    boolean fixed() {
        return fixed;
    }
}
