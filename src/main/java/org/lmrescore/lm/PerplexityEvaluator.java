package org.lmrescore.lm;

import org.lmrescore.util.Progress;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Perplexity of any {@link LanguageModel} on a text file, one sentence per line, with SRILM's
 * conventions (see {@link Perplexity}): every sentence ends with a scored {@code </s>}; a word
 * outside the model's vocabulary is counted as an OOV and not scored, but the model still reads it
 * (as {@link Vocabulary#NONE}) so the context moves on as it would in a lattice. Blank lines are
 * skipped; a leading {@code <s>} and trailing {@code </s>} on a line are dropped.
 *
 * <p>The optional per-word output has one line per scored position, {@code </s>} included, in text
 * order: {@code word TAB log10-prob}, where the probability is {@code OOV} for an OOV and
 * {@code -inf} for a zero probability. Two such files from different models line up row by row,
 * which is what interpolation and rescoring read.
 */
public final class PerplexityEvaluator {
    private static final double LN10 = Math.log(10);
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private final LanguageModel model;
    private boolean scoreOovs;

    public PerplexityEvaluator(LanguageModel model) {
        this.model = model;
    }

    /**
     * Scores OOV words with the model's unknown-word probability instead of skipping them
     * (KenLM's "perplexity including OOVs"); they are then not counted as OOVs.
     */
    public PerplexityEvaluator scoreOovs(boolean on) {
        this.scoreOovs = on;
        return this;
    }

    /** Scores {@code text}; writes per-word lines to {@code perWord} when it is not null. */
    public Perplexity evaluate(Path text, Writer perWord) {
        Perplexity total = new Perplexity();
        Vocabulary vocab = model.vocabulary();
        int eos = vocab.id(Vocabulary.EOS);
        long bytes = size(text);
        Progress progress = new Progress("perplexity " + text.getFileName(), bytes, "bytes");
        StringBuilder out = perWord == null ? null : new StringBuilder(1 << 16);
        try (TextInput in = TextInput.open(text)) {
            String line;
            while ((line = in.readLine()) != null) {
                progress.advance(line.length() + 1);
                String[] tokens = tokens(line);
                if (tokens.length == 0) {
                    continue;
                }
                total.addSentence();
                LmState state = model.start();
                for (String token : tokens) {
                    int id = vocab.id(token);
                    if (id == Vocabulary.NONE && !scoreOovs) {
                        total.addOov();
                        if (out != null) {
                            out.append(token).append("\tOOV\n");
                        }
                    } else {
                        double lp = model.logProb(state, id);
                        total.addWord(lp);
                        if (out != null) {
                            appendScore(out.append(token).append('\t'), lp).append('\n');
                        }
                    }
                    state = model.next(state, id);
                }
                double end = eos == Vocabulary.NONE ? Double.NEGATIVE_INFINITY : model.logProb(state, eos);
                total.addSentenceEnd(end);
                if (out != null) {
                    appendScore(out.append(Vocabulary.EOS).append('\t'), end).append('\n');
                    if (out.length() > (1 << 16) - 1024) {
                        perWord.append(out);
                        out.setLength(0);
                    }
                }
            }
            if (out != null) {
                perWord.append(out);
                perWord.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.finish();
        return total;
    }

    /** The score of a per-word line: log10 P with 8 significant digits, or {@code -inf} (shared with the RNN stream evaluator). */
    public static StringBuilder appendScore(StringBuilder sb, double lnProb) {
        if (lnProb == Double.NEGATIVE_INFINITY) {
            return sb.append("-inf");
        }
        return sb.append(String.format(Locale.ROOT, "%.8g", lnProb / LN10));
    }

    /** Whitespace-separated tokens without a leading {@code <s>} or trailing {@code </s>}. */
    public static String[] tokens(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return new String[0];
        }
        String[] parts = SPACE.split(t);
        int from = parts[0].equals(Vocabulary.BOS) ? 1 : 0;
        int to = parts.length > from && parts[parts.length - 1].equals(Vocabulary.EOS) ? parts.length - 1 : parts.length;
        if (from == 0 && to == parts.length) {
            return parts;
        }
        return java.util.Arrays.copyOfRange(parts, from, to);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
