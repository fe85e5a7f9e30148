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
        RnnReader reader = new RnnReader(model, (float) dynamicRate, false, true, model.startState(), 0);
        int eos = vocabulary.eosUnit();
        Perplexity total = new Perplexity();
        StringBuilder buffer = perWord == null ? null : new StringBuilder(1 << 16);
        Progress progress = new Progress("perplexity " + text.getFileName(), 0, "sentences");
        try (TextInput in = TextInput.open(text)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] tokens = PerplexityEvaluator.tokens(line);
                if (tokens.length == 0) {
                    continue;
                }
                total.addSentence();
                for (int i = 0; i <= tokens.length; i++) {
                    boolean end = i == tokens.length;
                    String word = end ? Vocabulary.EOS : tokens[i];
                    double lp = reader.read(end ? eos : vocabulary.unitOf(word));
                    if (Double.isNaN(lp)) {
                        total.addOov();
                        if (buffer != null) {
                            buffer.append(word).append("\tOOV\n");
                        }
                    } else {
                        if (end) {
                            total.addSentenceEnd(lp);
                        } else {
                            total.addWord(lp);
                        }
                        if (buffer != null) {
                            PerplexityEvaluator.appendScore(buffer.append(word).append('\t'), lp).append('\n');
                        }
                    }
                }
                if (buffer != null && buffer.length() > (1 << 16) - 1024) {
                    perWord.append(buffer);
                    buffer.setLength(0);
                }
                progress.advance(1);
            }
            reader.finish();
            if (buffer != null) {
                perWord.append(buffer);
                perWord.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.finish();
        return total;
    }
}
