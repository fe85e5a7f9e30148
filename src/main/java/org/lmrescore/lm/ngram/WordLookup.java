package org.lmrescore.lm.ngram;

import java.util.ArrayList;
import java.util.List;

/**
 * Word to id for parsers: looks a word up by a character range of a line, so reading millions of
 * n-grams allocates no substring per word. Open addressing over ids, at most half full.
 */
final class WordLookup {
    private final List<String> words = new ArrayList<>();
    /** Hash of each id's word: most probes of other words end without touching a string. */
    private int[] hashes = new int[1 << 9];
    private int[] table = new int[1 << 10];
    private int mask = table.length - 1;

    /** The id of {@code s[from, to)}, or -1. */
    int find(CharSequence s, int from, int to) {
        int h = hash(s, from, to);
        int slot = h & mask;
        while (true) {
            int id = table[slot] - 1;
            if (id < 0) {
                return -1;
            }
            if (hashes[id] == h && same(words.get(id), s, from, to)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a new word (not present) with the next id; returns it. */
    int add(String w) {
        if (2 * (words.size() + 1) > table.length) {
            grow();
        }
        int id = words.size();
        words.add(w);
        if (id == hashes.length) {
            hashes = java.util.Arrays.copyOf(hashes, id * 2);
        }
        hashes[id] = hash(w, 0, w.length());
        insert(w, id);
        return id;
    }

    List<String> words() {
        return words;
    }

    private void insert(String w, int id) {
        int slot = hashes[id] & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    private void grow() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int i = 0; i < words.size(); i++) {
            insert(words.get(i), i);
        }
    }

    private static boolean same(String w, CharSequence s, int from, int to) {
        if (w.length() != to - from) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) != s.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }
}
