package org.lmrescore.lm.rnn;

import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.Progress;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Perplexity of a text under an RNN read as one stream, the rnnlm toolkit's {@code -test}
 * protocol: the hidden state carries from one sentence to the next (reset at sentence ends in
 * independent mode), unknown words are counted as OOVs, not scored, and give no input.
 *
 * <p>With a dynamic learning rate &gt; 0 the model keeps training on the text as it reads it
 * (dynamic evaluation, Mikolov et al. 2010): each word is scored first, then learnt, exactly as
 * in training ({@link RnnReader}). That changes the model in place.
 */
public final class StreamEvaluator {
    private final RnnModel model;
    private final double dynamicRate;

    public StreamEvaluator(RnnModel model, double dynamicRate) {
        if (dynamicRate < 0) {
            throw new IllegalArgumentException("dynamic learning rate must be >= 0");
        }
        this.model = model;
        this.dynamicRate = dynamicRate;
    }

    /** Scores {@code text}; per-word lines ({@code word TAB log10p} or {@code OOV}) go to {@code perWord} if not null. */
    public Perplexity evaluate(Path text, Writer perWord) {
        RnnVocabulary vocabulary = model.vocabulary();
        boolean batchable = model.output().batchSize() > 1;
        RnnReader reader = new RnnReader(model, (float) dynamicRate, false, true, model.startState(), 0, batchable);
        // An output whose exact score reads all its weights (NCE) scores many predictions per pass
        // over them, statically or, where it can, dynamically; results are taken in reading order.
        RnnReader.ScoringBatch batch = batchable && (dynamicRate == 0 || reader.defersScores())
                ? reader.newBatch() : null;
        Tally tally = new Tally(perWord, batch == null ? 1 : model.output().batchSize() * 2);
        int eos = vocabulary.eosUnit();
        Progress progress = new Progress("perplexity " + text.getFileName(), 0, "sentences");
        try (TextInput in = TextInput.open(text)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] tokens = PerplexityEvaluator.tokens(line);
                if (tokens.length == 0) {
                    continue;
                }
                tally.total.addSentence();
                for (int i = 0; i <= tokens.length; i++) {
                    boolean end = i == tokens.length;
                    String word = end ? Vocabulary.EOS : tokens[i];
                    int unit = end ? eos : vocabulary.unitOf(word);
                    if (batch == null) {
                        tally.add(word, end, unit < 0, reader.read(unit));
                    } else {
                        reader.readInto(unit, batch);
                        tally.add(word, end, unit < 0, Double.NaN);
                        if (batch.full()) {
                            tally.resolve(batch.scoreEach());
                        }
                    }
                }
                tally.flushText(false);
                progress.advance(1);
            }
            if (batch != null) {
                tally.resolve(batch.scoreEach());
            }
            reader.finish();
            tally.flushText(true);
            if (perWord != null) {
                perWord.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.finish();
        return tally.total;
    }

    /**
     * The words read and not yet counted, in order: an unknown word at once, a known one when its
     * score is there (at once, or when its batch is scored).
     */
    private static final class Tally {
        final Perplexity total = new Perplexity();
        private final Writer perWord;
        private final StringBuilder buffer;
        private String[] words;
        private boolean[] ends;
        private boolean[] oovs;
        private double[] scores;
        private int pending;

        Tally(Writer perWord, int capacity) {
            this.perWord = perWord;
            this.buffer = perWord == null ? null : new StringBuilder(1 << 16);
            this.words = new String[capacity];
            this.ends = new boolean[capacity];
            this.oovs = new boolean[capacity];
            this.scores = new double[capacity];
        }

        /** A word read; its ln P, or NaN when it is unknown or its score comes with its batch. */
        void add(String word, boolean end, boolean oov, double lp) {
            if (pending == words.length) {
                words = Arrays.copyOf(words, 2 * pending);
                ends = Arrays.copyOf(ends, 2 * pending);
                oovs = Arrays.copyOf(oovs, 2 * pending);
                scores = Arrays.copyOf(scores, 2 * pending);
            }
            words[pending] = word;
            ends[pending] = end;
            oovs[pending] = oov;
            scores[pending] = lp;
            pending++;
            count();
        }

        private boolean awaiting(int k) {
            return !oovs[k] && Double.isNaN(scores[k]);
        }

        /** The scores of the words awaiting them, in reading order. */
        void resolve(double[] batchScores) {
            int next = 0;
            for (int k = 0; k < pending && next < batchScores.length; k++) {
                if (awaiting(k)) {
                    scores[k] = batchScores[next++];
                }
            }
            count();
        }

        /** Counts the words up to the first one still waiting for its score. */
        private void count() {
            int k = 0;
            for (; k < pending && !awaiting(k); k++) {
                if (oovs[k]) {
                    total.addOov();
                    if (buffer != null) {
                        buffer.append(words[k]).append("\tOOV\n");
                    }
                } else {
                    if (ends[k]) {
                        total.addSentenceEnd(scores[k]);
                    } else {
                        total.addWord(scores[k]);
                    }
                    if (buffer != null) {
                        PerplexityEvaluator.appendScore(buffer.append(words[k]).append('\t'), scores[k]).append('\n');
                    }
                }
            }
            int left = pending - k;
            System.arraycopy(words, k, words, 0, left);
            System.arraycopy(ends, k, ends, 0, left);
            System.arraycopy(oovs, k, oovs, 0, left);
            System.arraycopy(scores, k, scores, 0, left);
            pending = left;
        }

        /** Writes the per-word lines when there are many of them, or all of them at the end. */
        void flushText(boolean all) throws IOException {
            if (buffer != null && (all || buffer.length() > (1 << 16) - 1024)) {
                perWord.append(buffer);
                buffer.setLength(0);
            }
        }
    }
}
