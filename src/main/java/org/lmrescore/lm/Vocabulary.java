package org.lmrescore.lm;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Maps words to dense integer ids and back. Each model owns its vocabulary; a mix maps between
 * them. Immutable once built, so it is safe to share between threads.
 */
public final class Vocabulary {
    /** Sentence start, end and the unknown-word token as written in ARPA files and text. */
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    /** The id {@link #id(String)} returns for a word that is not in the vocabulary. */
    public static final int NONE = -1;

    private final List<String> words;
    private final Object2IntOpenHashMap<String> ids;

    private Vocabulary(List<String> words) {
        this.words = Collections.unmodifiableList(new ArrayList<>(words));
        this.ids = new Object2IntOpenHashMap<>(words.size());
        this.ids.defaultReturnValue(NONE);
        for (int i = 0; i < words.size(); i++) {
            if (ids.put(words.get(i), i) != NONE) {
                throw new IllegalArgumentException("word listed twice in a vocabulary: " + words.get(i));
            }
        }
    }

    /** A vocabulary whose word {@code i} has id {@code i}. */
    public static Vocabulary of(List<String> words) {
        return new Vocabulary(words);
    }

    /** Id of {@code word}, or {@link #NONE}. */
    public int id(String word) {
        return ids.getInt(word);
    }

    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    public String word(int id) {
        return words.get(id);
    }

    public int size() {
        return words.size();
    }

    /** The words in id order (unmodifiable). */
    public List<String> words() {
        return words;
    }
}
