package org.lmrescore.rescore;

import java.util.Arrays;

/**
 * The last words an LM has read (model ids), at most {@code order - 1} of them: the key under
 * which lattice expansion merges paths (paths with the same recent words share one LM state).
 */
final class History {
    static final History EMPTY = new History(new int[0]);

    private final int[] words;
    private final int hash;

    private History(int[] words) {
        this.words = words;
        this.hash = Arrays.hashCode(words);
    }

    /** This history followed by {@code word}, keeping the last {@code keep} words. */
    History push(int word, int keep) {
        if (keep <= 0) {
            return EMPTY;
        }
        int len = Math.min(keep, words.length + 1);
        int[] w = new int[len];
        System.arraycopy(words, words.length - (len - 1), w, 0, len - 1);
        w[len - 1] = word;
        return new History(w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && hash == h.hash && Arrays.equals(words, h.words);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
