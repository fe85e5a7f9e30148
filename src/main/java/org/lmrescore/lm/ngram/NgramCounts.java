package org.lmrescore.lm.ngram;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What KN training counts before it estimates: the vocabulary in id order and the distinct
 * highest-order n-grams of the padded sentences with their counts ({@link KneserNeyTrainer#count}
 * makes them from a file; {@link KneserNeyTrainer#train(NgramCounts)} estimates from them).
 * A counter elsewhere (the Spark job) makes the same counts in two passes: the vocabulary first
 * (each counted token, {@link #countedTokens}, by its first appearance in the text), then every
 * line's n-grams through {@link Windows}, which numbers words exactly as this package does, so
 * the model estimated is the same, n-gram for n-gram.
 */
public final class NgramCounts {
    final TrainingVocabulary vocabulary;
    private final int order;
    private SortedNgrams ngrams;
    /**
     * Or, from a distributed counter, every order adjusted already: {@code levelRows[k-1]} the
     * {@code levelSizes[k-1]} k-grams (any order), their adjusted and raw counts; and the last
     * n-gram in suffix order.
     */
    private int[][] levelRows;
    private long[][] levelAdjusted;
    private long[][] levelRaw;
    private int[] levelSizes;
    final int[] lastNgram;
    final long tokens;
    final long sentences;

    NgramCounts(TrainingVocabulary vocabulary, SortedNgrams ngrams, long tokens, long sentences) {
        this.vocabulary = vocabulary;
        this.order = ngrams.order;
        this.ngrams = ngrams;
        this.lastNgram = null;
        this.tokens = tokens;
        this.sentences = sentences;
    }

    private NgramCounts(TrainingVocabulary vocabulary, int[][] levelRows, long[][] levelAdjusted, long[][] levelRaw,
                        int[] levelSizes, int[] lastNgram, long tokens, long sentences) {
        this.vocabulary = vocabulary;
        this.order = levelRows.length;
        this.levelRows = levelRows;
        this.levelAdjusted = levelAdjusted;
        this.levelRaw = levelRaw;
        this.levelSizes = levelSizes;
        this.lastNgram = lastNgram;
        this.tokens = tokens;
        this.sentences = sentences;
    }

    int order() {
        return order;
    }

    /** The id of {@code <s>} in every numbering of training ({@link Windows} too). */
    public static final int BOS = TrainingVocabulary.BOS;

    /**
     * The n-grams, handed over once: training lets them go as soon as it has the adjusted counts,
     * so the estimation does not hold the highest order twice.
     */
    SortedNgrams take() {
        SortedNgrams out = peek();
        ngrams = null;
        return out;
    }

    /** The n-grams, still held here. */
    SortedNgrams peek() {
        SortedNgrams out = ngrams;
        if (out == null) {
            throw new IllegalStateException("these counts were already trained on");
        }
        return out;
    }

    /** Whether the counts are adjusted already (by a distributed counter): {@link #adjustedLevels}, not {@link #take}. */
    boolean adjusted() {
        return levelRows != null;
    }

    /** The adjusted orders, put in suffix order and written once to level files in {@code dir}; the arrays are let go. */
    LevelFile[] adjustedLevels(Path dir) {
        if (levelRows == null) {
            throw new IllegalStateException("these counts were already trained on");
        }
        int maxId = vocabulary.size() - 1;
        LevelFile[] levels = new LevelFile[order];
        for (int k = 1; k <= order; k++) {
            int[] rows = levelRows[k - 1];
            int[] perm = RowRadixSort.suffixOrder(rows, levelSizes[k - 1], k, maxId);
            LevelFile.Writer out = LevelFile.create(k, dir);
            for (int row : perm) {
                out.add(rows, row * k, levelAdjusted[k - 1][row], levelRaw[k - 1][row]);
            }
            levels[k - 1] = out.finish();
        }
        levelRows = null;
        levelAdjusted = null;
        levelRaw = null;
        return levels;
    }

    /** The tokens of a line training counts as words (split on spaces and tabs; no literal {@code <s>}, {@code </s>}, and {@code <unk>} only with a word list). */
    public static List<String> countedTokens(String line, boolean withWordList) {
        return PaddedSentence.countedTokens(line, withWordList);
    }

    /**
     * The numbering of a distributed count: {@code <unk>}, {@code <s>}, {@code </s>}, then the
     * words of {@code wordList} (when given: other words become {@code <unk>}), else
     * {@code firstSeen}, the text's words in order of first appearance.
     */
    public static Windows windows(int order, Path wordList, List<String> firstSeen) {
        TrainingVocabulary v = new TrainingVocabulary(wordList);
        if (wordList == null) {
            for (String w : firstSeen) {
                v.id(w);
            }
        }
        return new Windows(order, new ArrayList<>(v.words()), wordList != null);
    }

    /**
     * The n-grams of one line at a time, numbered as training numbers them; serialisable, to ship
     * to workers. Not for two threads at once: give each its {@link #copy}.
     */
    public static final class Windows implements Serializable {
        private final int order;
        private final ArrayList<String> words;
        private final boolean fixed;
        private transient TrainingVocabulary vocabulary;
        private transient PaddedSentence sentence;

        private Windows(int order, ArrayList<String> words, boolean fixed) {
            this.order = order;
            this.words = words;
            this.fixed = fixed;
        }

        public int order() {
            return order;
        }

        /** A copy with its own working state, for one thread (one Spark task) at a time. */
        public Windows copy() {
            return new Windows(order, words, fixed);
        }

        /** Each n-gram of the padded line, in order, as ids in an array reused from call to call; returns the line's word count. */
        public int forEach(String line, Consumer<int[]> each) {
            if (vocabulary == null) {
                vocabulary = new TrainingVocabulary(words, fixed);
                sentence = new PaddedSentence(order);
            }
            int count = sentence.read(line, vocabulary);
            int[] ids = sentence.ids();
            int[] gram = new int[order];
            for (int s = 0; s + order <= sentence.length(); s++) {
                System.arraycopy(ids, s, gram, 0, order);
                each.accept(gram);
            }
            return count;
        }

        /**
         * Adjusted counts made elsewhere: for each order k (index k-1) its {@code sizes[k-1]}
         * k-grams as rows of ids (any order), their adjusted and raw counts, as
         * {@link AdjustedCounts} defines them (the highest order and k-grams starting with
         * {@code <s>}: raw counts; the others: distinct words before them; k-grams with {@code <s>}
         * after their first word left out); {@code lastNgram}, the last distinct n-gram in suffix
         * order (lmplz's statistics see its suffixes with raw counts).
         */
        public NgramCounts adjusted(int[][] rows, long[][] adjusted, long[][] raw, int[] sizes, int[] lastNgram,
                                    long tokens, long sentences) {
            return new NgramCounts(new TrainingVocabulary(words, fixed), rows, adjusted, raw, sizes, lastNgram, tokens, sentences);
        }

        /**
         * The counts: {@code size} distinct n-grams as rows of {@code order} ids in {@code rows}
         * (any order), their counts, and the text's word and sentence totals.
         */
        public NgramCounts counts(int[] rows, long[] counts, int size, long tokens, long sentences) {
            int maxId = words.size() - 1;
            int[] perm = RowRadixSort.suffixOrder(rows, size, order, maxId);
            int[] w = new int[size * order];
            long[] c = new long[size];
            for (int i = 0; i < size; i++) {
                System.arraycopy(rows, perm[i] * order, w, i * order, order);
                c[i] = counts[perm[i]];
            }
            return new NgramCounts(new TrainingVocabulary(words, fixed), new SortedNgrams(order, size, w, c), tokens, sentences);
        }
    }
}
