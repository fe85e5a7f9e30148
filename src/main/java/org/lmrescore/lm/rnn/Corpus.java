package org.lmrescore.lm.rnn;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text as the network reads it: one sentence per line, words separated by white space, each
 * line followed by {@code </s>}; words as units of a model (-1 for unknown words). Blank lines
 * (and lines holding only {@code <s> </s>}) are skipped; sentence markers written in the text
 * are dropped, as {@code ppl} does.
 */
public final class Corpus {
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final int[] units;
    private final int[] sentenceEnds;

    private Corpus(int[] units, int[] sentenceEnds) {
        this.units = units;
        this.sentenceEnds = sentenceEnds;
    }

    /** Counts the words of a training text (first-seen order, {@code </s>} included). */
    public static RnnVocabulary countAndBuild(Path file, int rare, int classes, boolean sqrt) {
        Object2IntLinkedOpenHashMap<String> counts = new Object2IntLinkedOpenHashMap<>();
        counts.put(Vocabulary.EOS, 0);
        long lines = 0;
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] tokens = tokens(line);
                if (tokens.length == 0) {
                    continue;
                }
                for (String t : tokens) {
                    counts.addTo(t, 1);
                }
                counts.addTo(Vocabulary.EOS, 1);
                lines++;
            }
        }
        if (lines == 0) {
            throw new org.lmrescore.util.InputFormatException(file, 0, "no sentences: expected one sentence per line");
        }
        List<String> names = new ArrayList<>(counts.keySet());
        long[] c = new long[names.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.getInt(names.get(i));
        }
        return RnnVocabulary.build(names, c, rare, classes, sqrt);
    }

    /** Reads a text as units of {@code vocabulary}. */
    public static Corpus read(Path file, RnnVocabulary vocabulary) {
        IntArrayList units = new IntArrayList();
        IntArrayList ends = new IntArrayList();
        int eos = vocabulary.eosUnit();
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] tokens = tokens(line);
                if (tokens.length == 0) {
                    continue;
                }
                for (String t : tokens) {
                    units.add(vocabulary.unitOf(t));
                }
                units.add(eos);
                ends.add(units.size());
            }
        }
        return new Corpus(units.toIntArray(), ends.toIntArray());
    }

    /** White-space separated words, without a leading {@code <s>} or a trailing {@code </s>} if the text marks them. */
    static String[] tokens(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return new String[0];
        }
        String[] parts = SPACE.split(t);
        int from = parts[0].equals(Vocabulary.BOS) ? 1 : 0;
        int to = parts.length > from && parts[parts.length - 1].equals(Vocabulary.EOS) ? parts.length - 1 : parts.length;
        return from == 0 && to == parts.length ? parts : java.util.Arrays.copyOfRange(parts, from, to);
    }

    /** Units of every token, {@code </s>} after each sentence; -1 for unknown words. */
    public int[] units() {
        return units;
    }

    public int size() {
        return units.length;
    }

    public int sentences() {
        return sentenceEnds.length;
    }

    /** Token index one past the end of sentence {@code s}. */
    public int sentenceEnd(int s) {
        return sentenceEnds[s];
    }

    /** Token ranges of {@code parts} consecutive pieces cut at sentence ends, as [start, end) pairs. */
    public int[][] split(int parts) {
        int[][] ranges = new int[parts][2];
        int start = 0;
        int s = 0;
        for (int p = 0; p < parts; p++) {
            long target = (long) units.length * (p + 1) / parts;
            while (s < sentenceEnds.length - 1 && sentenceEnds[s] < target) {
                s++;
            }
            int end = p == parts - 1 ? units.length : sentenceEnds[s];
            ranges[p][0] = start;
            ranges[p][1] = Math.max(start, end);
            start = ranges[p][1];
        }
        return ranges;
    }
}
