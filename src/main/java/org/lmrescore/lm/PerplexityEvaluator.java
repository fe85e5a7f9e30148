package org.lmrescore.lm;

import org.lmrescore.util.Progress;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private final LanguageModel model;
    private boolean scoreOovs;
    private int threads = Runtime.getRuntime().availableProcessors();

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

    /**
     * Scores with {@code n} threads (default: every core). Sentences are scored in batches on a
     * pool, each thread with its own {@link SequenceScorer}; the totals and per-word lines are
     * then taken in text order, so results are the same with any number of threads.
     */
    public PerplexityEvaluator threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Scores {@code text}; writes per-word lines to {@code perWord} when it is not null. */
    public Perplexity evaluate(Path text, Writer perWord) {
        Perplexity total = new Perplexity();
        long bytes = size(text);
        Progress progress = new Progress("perplexity " + text.getFileName(), bytes, "bytes");
        boolean lines = perWord != null;
        ThreadLocal<SequenceScorer> scorers = ThreadLocal.withInitial(model::sequenceScorer);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "perplexity");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        try (TextInput in = TextInput.open(text)) {
            List<String> batch = new ArrayList<>(BATCH_LINES);
            long batchChars = 0;
            String line;
            while (true) {
                line = in.readLine();
                if (line != null) {
                    progress.advance(line.length() + 1);
                    batch.add(line);
                    batchChars += line.length();
                }
                if (batch.size() == BATCH_LINES || batchChars >= BATCH_CHARS || (line == null && !batch.isEmpty())) {
                    batchChars = 0;
                    List<String> todo = batch;
                    Callable<Batch> job = () -> score(todo, scorers.get(), lines);
                    pending.add(pool == null ? CompletableFuture.completedFuture(job.call()) : pool.submit(job));
                    batch = new ArrayList<>(BATCH_LINES);
                    while (pending.size() > threads || (line == null && !pending.isEmpty())) {
                        take(pending.poll()).addTo(total, perWord);
                    }
                }
                if (line == null) {
                    break;
                }
            }
            if (perWord != null) {
                perWord.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        progress.finish();
        return total;
    }

    /**
     * A batch ends at this many lines or characters: enough to keep a thread busy for a while;
     * at most threads + 1 batches are held, so memory stays bounded whatever the lines' lengths.
     */
    private static final int BATCH_LINES = 2048;
    private static final long BATCH_CHARS = 1 << 20;

    private static Batch take(Future<Batch> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * One batch's scores in text order: per sentence its token scores (uncounted OOVs marked)
     * then its {@code </s>} score; and its per-word lines when asked.
     */
    private record Batch(int[] tokensPerSentence, double[] scores, boolean[] oov, StringBuilder lines) {
        void addTo(Perplexity total, Writer perWord) throws IOException {
            int at = 0;
            for (int tokens : tokensPerSentence) {
                total.addSentence();
                for (int i = 0; i < tokens; i++, at++) {
                    if (oov[at]) {
                        total.addOov();
                    } else {
                        total.addWord(scores[at]);
                    }
                }
                total.addSentenceEnd(scores[at++]);
            }
            if (perWord != null) {
                perWord.append(lines);
            }
        }
    }

    private Batch score(List<String> batch, SequenceScorer scorer, boolean withLines) {
        Vocabulary vocab = model.vocabulary();
        int eos = vocab.id(Vocabulary.EOS);
        int[] perSentence = new int[batch.size()];
        double[] scores = new double[64];
        boolean[] oov = new boolean[64];
        int sentences = 0;
        int at = 0;
        StringBuilder out = withLines ? new StringBuilder() : null;
        for (String line : batch) {
            String[] tokens = tokens(line);
            if (tokens.length == 0) {
                continue;
            }
            if (at + tokens.length + 1 > scores.length) {
                scores = Arrays.copyOf(scores, Math.max(2 * scores.length, at + tokens.length + 1));
                oov = Arrays.copyOf(oov, scores.length);
            }
            scorer.restart();
            for (String token : tokens) {
                int id = vocab.id(token);
                if (id == Vocabulary.NONE && !scoreOovs) {
                    oov[at++] = true;
                    scorer.skip(id);
                    if (out != null) {
                        out.append(token).append("\tOOV\n");
                    }
                } else {
                    double lp = scorer.advance(id);
                    scores[at++] = lp;
                    if (out != null) {
                        appendScore(out.append(token).append('\t'), lp).append('\n');
                    }
                }
            }
            double end = eos == Vocabulary.NONE ? Double.NEGATIVE_INFINITY : scorer.advance(eos);
            scores[at++] = end;
            if (out != null) {
                appendScore(out.append(Vocabulary.EOS).append('\t'), end).append('\n');
            }
            perSentence[sentences++] = tokens.length;
        }
        return new Batch(Arrays.copyOf(perSentence, sentences), scores, oov, out);
    }

    /** The score of a per-word line: log10 P with 8 significant digits, or {@code -inf} (shared with the RNN stream evaluator). */
    public static StringBuilder appendScore(StringBuilder sb, double lnProb) {
        if (lnProb == Double.NEGATIVE_INFINITY) {
            return sb.append("-inf");
        }
        return sb.append(String.format(Locale.ROOT, "%.8g", lnProb / LN10));
    }

    /**
     * Whitespace-separated tokens (regex {@code \\s+}: space, tab, line feed, vertical tab, form
     * feed, carriage return) of the line stripped of any Unicode white space at its ends, without a
     * leading {@code <s>} or trailing {@code </s>}.
     */
    public static String[] tokens(String line) {
        line = line.strip();
        int n = line.length();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; ) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > from) {
                parts.add(line.substring(from, i));
            }
        }
        int count = parts.size();
        int from = count > 0 && parts.get(0).equals(Vocabulary.BOS) ? 1 : 0;
        int to = count > from && parts.get(count - 1).equals(Vocabulary.EOS) ? count - 1 : count;
        return parts.subList(from, to).toArray(new String[0]);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
