package org.lmrescore.lm.ngram;

import edu.cmu.sphinx.linguist.WordSequence;
import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.linguist.dictionary.Word;
import edu.cmu.sphinx.linguist.language.ngram.trie.NgramTrieModel;
import edu.cmu.sphinx.util.props.PropertySheet;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Sphinx's binary trie LM ({@code sphinx_lm_convert} output, e.g. {@code en-us.lm.bin} in
 * sphinx4-data, the trigram behind Sphinx4's first pass) as a backoff {@link LanguageModel}, read
 * with sphinx4-core's own loader so scores are exactly Sphinx's. The file stores log base 1.0001;
 * {@link #logProb} converts to natural log. Words outside the model are OOVs (-infinity unless the
 * model has {@code <unk>}). Scoring is synchronised: Sphinx's model keeps per-query fields.
 */
public final class SphinxTrieModel implements LanguageModel {
    /** First bytes of the format. */
    static final byte[] MAGIC = "Trie Language Model".getBytes(StandardCharsets.US_ASCII);
    private static final double LN_BASE = Math.log(1.0001);

    private final NgramTrieModel model;
    private final Vocabulary vocabulary;
    private final Word[] words;
    private final int order;
    private final int unk;
    private final NgramState start;

    private SphinxTrieModel(NgramTrieModel model, List<String> wordList) {
        this.model = model;
        this.vocabulary = Vocabulary.of(wordList);
        this.words = new Word[wordList.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = new Word(wordList.get(i), null, false);
        }
        this.order = model.getMaxDepth();
        this.unk = vocabulary.id(Vocabulary.UNK);
        int bos = vocabulary.id(Vocabulary.BOS);
        this.start = bos == Vocabulary.NONE ? NgramState.EMPTY : new NgramState(new int[] {bos}, new float[1]);
    }

    /** True when the file starts with the Sphinx trie header. */
    public static boolean isSphinxTrie(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Loads from a URL ({@code file:} or a {@code jar:} resource). */
    public static SphinxTrieModel load(URL location, String name) {
        NgramTrieModel m = new NgramTrieModel("", location, null, 100_000, false, -1, new AnyWordDictionary(),
                false, 1f, 1.0, 1f);
        try {
            m.allocate();
        } catch (IOException | RuntimeException | Error e) {
            throw new InputFormatException(name, 0, "cannot read the Sphinx trie LM: " + e.getMessage(), e);
        }
        List<String> words = List.copyOf(sortedWords(m));
        return new SphinxTrieModel(m, words);
    }

    /** Loads a classpath resource such as {@code /edu/cmu/sphinx/models/en-us/en-us.lm.bin}. */
    public static SphinxTrieModel loadResource(String resource) {
        URL url = SphinxTrieModel.class.getResource(resource);
        if (url == null) {
            throw new InputFormatException(resource, 0, "no such resource on the classpath", null);
        }
        return load(url, resource);
    }

    /** Our ids are our own (Sphinx maps words by spelling): sorted for a stable order. */
    private static List<String> sortedWords(NgramTrieModel m) {
        List<String> words = new java.util.ArrayList<>(m.getVocabulary());
        java.util.Collections.sort(words);
        return words;
    }

    public int order() {
        return order;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public NgramState start() {
        return start;
    }

    @Override
    public double logProb(LmState context, int word) {
        if (word == Vocabulary.NONE) {
            if (unk == Vocabulary.NONE) {
                return Double.NEGATIVE_INFINITY;
            }
            word = unk;
        }
        NgramState s = (NgramState) context;
        int len = Math.min(s.words.length, order - 1);
        Word[] seq = new Word[len + 1];
        for (int i = 0; i < len; i++) {
            seq[len - 1 - i] = words[s.words[i]];
        }
        seq[len] = words[word];
        float p;
        synchronized (model) {
            p = model.getProbability(new WordSequence(seq));
        }
        return p * LN_BASE;
    }

    @Override
    public NgramState next(LmState context, int word) {
        if (word == Vocabulary.NONE) {
            if (unk == Vocabulary.NONE) {
                return NgramState.EMPTY;
            }
            word = unk;
        }
        NgramState s = (NgramState) context;
        int len = Math.min(s.words.length, order - 2) + 1;
        if (order == 1) {
            return NgramState.EMPTY;
        }
        int[] w = new int[len];
        w[0] = word;
        System.arraycopy(s.words, 0, w, 1, len - 1);
        return new NgramState(w, new float[len]);
    }

    /** Sphinx asks a dictionary for every LM word; any spelling is a word here (no pronunciations needed). */
    private static final class AnyWordDictionary implements Dictionary {
        @Override
        public Word getWord(String text) {
            return new Word(text, null, false);
        }

        @Override
        public Word getSentenceStartWord() {
            return getWord(SENTENCE_START_SPELLING);
        }

        @Override
        public Word getSentenceEndWord() {
            return getWord(SENTENCE_END_SPELLING);
        }

        @Override
        public Word getSilenceWord() {
            return getWord(SILENCE_SPELLING);
        }

        @Override
        public Word[] getFillerWords() {
            return new Word[0];
        }

        @Override
        public void allocate() {
        }

        @Override
        public void deallocate() {
        }

        @Override
        public void newProperties(PropertySheet ps) {
        }
    }
}
