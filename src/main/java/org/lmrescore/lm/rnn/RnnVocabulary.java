package org.lmrescore.lm.rnn;

import org.lmrescore.lm.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The words an RNN knows and the network units they use. Units are the rows of the input and
 * output layers, sorted by falling frequency ({@code </s>} first, as in the rnnlm toolkit) and
 * grouped into contiguous word classes. Words seen fewer than the rare threshold share one
 * {@link #RARE} unit; each of them gets an equal share of its probability, so the model still
 * scores every training word and its distribution over the vocabulary sums to one.
 *
 * <p>{@link #words()} lists every known word: first the words that own a unit, in unit order,
 * then the rare words. Immutable.
 */
public final class RnnVocabulary {
    /** Name of the shared unit of the rare words. */
    public static final String RARE = "<rare>";

    private final Vocabulary words;
    private final int[] unitOfWord;
    private final String[] unitNames;
    private final long[] unitCounts;
    private final int rareUnit;
    private final int rareWords;
    /** ln of a rare word's share of the rare unit, -ln(rareWords) (what {@link #shareOfUnit} adds per rare word). */
    private final double rareShare;
    private final int eosId;
    private final WordClasses classes;

    RnnVocabulary(Vocabulary words, int[] unitOfWord, String[] unitNames, long[] unitCounts, int rareUnit,
                  WordClasses classes) {
        this.words = words;
        this.unitOfWord = unitOfWord;
        this.unitNames = unitNames;
        this.unitCounts = unitCounts;
        this.rareUnit = rareUnit;
        this.rareWords = words.size() - (rareUnit < 0 ? unitNames.length : unitNames.length - 1);
        this.rareShare = rareWords > 0 ? -Math.log(rareWords) : 0;
        this.eosId = words.id(Vocabulary.EOS);
        this.classes = classes;
        if (unitOfWord.length != words.size()) {
            throw new IllegalArgumentException("unit map and vocabulary differ in size");
        }
    }

    /**
     * Builds units and classes from word counts.
     *
     * @param names  the words in first-seen order (must contain {@code </s>})
     * @param counts their training counts
     */
    public static RnnVocabulary build(List<String> names, long[] counts, int rareThreshold, int classCount, boolean sqrt) {
        int n = names.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int eos = names.indexOf(Vocabulary.EOS);
        if (eos < 0) {
            throw new IllegalArgumentException("the word list has no " + Vocabulary.EOS);
        }
        List<String> regular = new ArrayList<>();
        List<Long> regularCounts = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        long rareCount = 0;
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counts[i]));
        for (int i : order) {
            if (i != eos && counts[i] < rareThreshold) {
                rare.add(names.get(i));
                rareCount += counts[i];
            }
        }
        // Units: </s> first, then by falling count; the rare unit sorted in by its total count.
        List<String> unitNames = new ArrayList<>();
        List<Long> unitCounts = new ArrayList<>();
        unitNames.add(Vocabulary.EOS);
        unitCounts.add(counts[eos]);
        boolean rarePlaced = rare.isEmpty();
        for (int i : order) {
            if (i == eos || (counts[i] < rareThreshold)) {
                continue;
            }
            if (!rarePlaced && rareCount > counts[i]) {
                unitNames.add(RARE);
                unitCounts.add(rareCount);
                rarePlaced = true;
            }
            unitNames.add(names.get(i));
            unitCounts.add(counts[i]);
        }
        if (!rarePlaced) {
            unitNames.add(RARE);
            unitCounts.add(rareCount);
        }
        long[] uc = unitCounts.stream().mapToLong(Long::longValue).toArray();
        return fromUnits(unitNames.toArray(new String[0]), uc, rare, WordClasses.bin(uc, classCount, sqrt));
    }

    /** A vocabulary of given units (in class order) and the words sharing the rare unit, if any. */
    static RnnVocabulary fromUnits(String[] unitNames, long[] unitCounts, List<String> rareWords, WordClasses classes) {
        List<String> all = new ArrayList<>(unitNames.length + rareWords.size());
        List<Integer> unitOf = new ArrayList<>();
        int rareUnit = -1;
        for (int u = 0; u < unitNames.length; u++) {
            if (unitNames[u].equals(RARE)) {
                rareUnit = u;
                continue;
            }
            all.add(unitNames[u]);
            unitOf.add(u);
        }
        if (rareUnit < 0 && !rareWords.isEmpty()) {
            throw new IllegalArgumentException("rare words listed but no " + RARE + " unit");
        }
        for (String w : rareWords) {
            all.add(w);
            unitOf.add(rareUnit);
        }
        return new RnnVocabulary(Vocabulary.of(all), unitOf.stream().mapToInt(Integer::intValue).toArray(),
                unitNames, unitCounts, rareUnit, classes);
    }

    /** Every word the model scores (rare words included). */
    public Vocabulary words() {
        return words;
    }

    /** The unit of a word id, or -1 for {@link Vocabulary#NONE}. */
    public int unitOf(int wordId) {
        return wordId < 0 ? -1 : unitOfWord[wordId];
    }

    /** The unit of a word string: its own, the rare unit, or -1 when unknown. */
    public int unitOf(String word) {
        return unitOf(words.id(word));
    }

    public int units() {
        return unitNames.length;
    }

    public String unitName(int unit) {
        return unitNames[unit];
    }

    public long unitCount(int unit) {
        return unitCounts[unit];
    }

    /** The shared unit of rare words, or -1. */
    public int rareUnit() {
        return rareUnit;
    }

    /** How many words share the rare unit (0 without one). */
    public int rareWords() {
        return rareWords;
    }

    /** ln of the share of its unit's probability a word gets: 0, or -ln(rare words) for a rare word. */
    public double shareOfUnit(int unit) {
        return unit == rareUnit ? rareShare : 0;
    }

    public int eosUnit() {
        return unitOfWord[eosId];
    }

    public WordClasses classes() {
        return classes;
    }

    /** The rare words in id order. */
    public List<String> rareWordList() {
        return words.words().subList(words.size() - rareWords, words.size());
    }
}
