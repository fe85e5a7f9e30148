package org.lmrescore.lm.rnn;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A text as the network reads it: one sentence per line, words separated by white space, each
 * line followed by {@code </s>}; words as units of a model (-1 for unknown words). Blank lines
 * (and lines holding only {@code <s> </s>}) are skipped; sentence markers written in the text
 * are dropped, as {@code ppl} does.
 */
public final class Corpus {
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
        long lines = forEachSentence(file, tokens -> {
            for (String t : tokens) {
                counts.addTo(t, 1);
            }
            counts.addTo(Vocabulary.EOS, 1);
        });
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
        forEachSentence(file, tokens -> {
            for (String t : tokens) {
                units.add(vocabulary.unitOf(t));
            }
            units.add(eos);
            ends.add(units.size());
        });
        return new Corpus(units.toIntArray(), ends.toIntArray());
    }

    /** Hands each non-blank line's words (sentence markers dropped) to {@code sentence}; returns how many. */
    private static long forEachSentence(Path file, Consumer<String[]> sentence) {
        long lines = 0;
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] tokens = PerplexityEvaluator.tokens(line);
                if (tokens.length > 0) {
                    sentence.accept(tokens);
                    lines++;
                }
            }
        }
        return lines;
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

    /**
     * The same text with its blocks of {@code blockSentences} consecutive sentences in a random
     * order drawn from {@code seed} (Fisher-Yates): sentences keep their neighbours, so the hidden
     * state still carries context within a block, while no part of the corpus always comes last.
     */
    public Corpus shuffled(long seed, int blockSentences) {
        int blocks = (sentenceEnds.length + blockSentences - 1) / blockSentences;
        int[] order = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            order[b] = b;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int b = blocks - 1; b > 0; b--) {
            int j = random.nextInt(b + 1);
            int t = order[b];
            order[b] = order[j];
            order[j] = t;
        }
        int[] u = new int[units.length];
        int[] ends = new int[sentenceEnds.length];
        int at = 0;
        int s = 0;
        for (int b : order) {
            int firstSentence = b * blockSentences;
            int lastSentence = Math.min(sentenceEnds.length, firstSentence + blockSentences);
            for (int k = firstSentence; k < lastSentence; k++) {
                int start = k == 0 ? 0 : sentenceEnds[k - 1];
                int length = sentenceEnds[k] - start;
                System.arraycopy(units, start, u, at, length);
                at += length;
                ends[s++] = at;
            }
        }
        return new Corpus(u, ends);
    }
}
