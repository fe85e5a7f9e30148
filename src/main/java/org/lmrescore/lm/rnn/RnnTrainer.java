package org.lmrescore.lm.rnn;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains an RNN language model the rnnlm toolkit's way: epochs of SGD with truncated BPTT over
 * the training text in order, the {@link LearningRateSchedule} on validation log-likelihood,
 * and a checkpoint after every epoch ({@code MODEL.checkpoint}, written atomically) from which
 * the same command resumes after an interruption.
 *
 * <p>With {@code shuffle} each epoch reads the text's blocks of {@link #SHUFFLE_BLOCK} sentences
 * in an order drawn from the seed and the epoch's index (so a resumed run reads what it would
 * have read).
 *
 * <p>With several threads the text is cut into one stretch of whole sentences per thread and
 * the threads update the shared weights without locks (Hogwild, as faster-rnnlm does).
 */
public final class RnnTrainer {
    /** Sentences that stay together when {@code --shuffle} reorders the training text. */
    static final int SHUFFLE_BLOCK = 10;
    private final RnnConfig config;
    private final Path train;
    private final Path valid;
    private final Path output;
    private final int threads;
    private final Consumer<String> report;
    /** Tests: stop as if killed right after the checkpoint of this many epochs (-1: never). */
    int interruptAfterEpochs = -1;

    /** Figures of one finished epoch. */
    public record Epoch(int index, double alpha, double trainEntropy, double validEntropy, double wordsPerSecond,
                        double wordsPerCpuSecond, double elapsedSeconds, boolean kept) {
        public double trainPerplexity() {
            return Math.pow(2, trainEntropy);
        }

        public double validPerplexity() {
            return Math.pow(2, validEntropy);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "epoch %2d  alpha %.6f  train entropy %.4f ppl %8.2f  valid entropy %.4f ppl %8.2f  %,7.0f words/s (%,7.0f per CPU-s)  %7.1f s%s",
                    index, alpha, trainEntropy, trainPerplexity(), validEntropy, validPerplexity(), wordsPerSecond,
                    wordsPerCpuSecond, elapsedSeconds, kept ? "" : "  (worse: previous weights restored)");
        }
    }

    public RnnTrainer(RnnConfig config, Path train, Path valid, Path output, int threads, Consumer<String> report) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.config = config;
        this.train = train;
        this.valid = valid;
        this.output = output;
        this.threads = threads;
        this.report = report;
    }

    /** Where the checkpoint of an output model lives. */
    public static Path checkpointOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".checkpoint");
    }

    /** Trains (or resumes), writes the model, removes the checkpoint, and returns the epochs run now. */
    public List<Epoch> run() {
        long started = System.nanoTime();
        RnnVocabulary vocabulary = Corpus.countAndBuild(train, config.rare(), config.classes(), config.sqrtClasses());
        Corpus trainText = Corpus.read(train, vocabulary);
        Corpus validText = Corpus.read(valid, vocabulary);
        if (validText.size() == 0) {
            throw new InputFormatException(valid, 0, "no sentences: the validation text must have at least one line");
        }
        Log.info("training text %s: %,d tokens, %,d sentences; validation %s: %,d tokens", train, trainText.size(),
                trainText.sentences(), valid, validText.size());
        LearningRateSchedule schedule = new LearningRateSchedule(config.alpha(), config.minImprovement(), config.maxEpochs());
        Path checkpoint = checkpointOf(output);
        RnnModel model;
        if (Files.exists(checkpoint)) {
            ModelFile.Loaded loaded = ModelFile.readWithHeader(checkpoint);
            checkSameRun(checkpoint, loaded);
            model = loaded.model();
            schedule.restore(loaded.header());
            report.accept(String.format(Locale.ROOT, "resuming from %s after epoch %d (alpha %.6f)", checkpoint,
                    schedule.epochs() - 1, schedule.alpha()));
        } else {
            model = RnnModel.create(config, vocabulary);
        }
        report.accept("model: " + model.describe() + ", " + String.format(Locale.ROOT, "%,d", model.parameterCount())
                + " parameters; " + threads + " thread" + (threads > 1 ? "s" : "") + "; " + Blas.kernels() + " kernels");
        float[][] previous = model.snapshot();
        List<Epoch> epochs = new ArrayList<>();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            while (!schedule.finished()) {
                int index = schedule.epochs();
                double alpha = schedule.alpha();
                long t0 = System.nanoTime();
                Corpus epochText = config.shuffle() ? trainText.shuffled(config.seed() * 1_000_003L + index, SHUFFLE_BLOCK) : trainText;
                TextPass[] parts = trainEpoch(model, epochText, (float) alpha, pool, index);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double trainLl = 0;
                long trainWords = 0;
                double cpuSeconds = 0;
                for (TextPass p : parts) {
                    trainLl += p.logLikelihood;
                    trainWords += p.scored;
                    cpuSeconds += p.cpuSeconds;
                }
                TextPass validPass = validate(model, validText);
                boolean kept = schedule.endEpoch(validPass.logLikelihood);
                if (kept) {
                    // a worse epoch is undone below, as rnnlm does; one that would be kept must be sane
                    checkNotDiverged(index, alpha, bits(validPass.logLikelihood, validPass.scored), vocabulary);
                }
                if (kept) {
                    model.setStartState(validPass.endState);
                    model.save(previous);
                } else {
                    model.restore(previous);
                }
                Epoch e = new Epoch(index, alpha, bits(trainLl, trainWords), bits(validPass.logLikelihood, validPass.scored),
                        trainText.size() / seconds, trainText.size() / cpuSeconds, (System.nanoTime() - started) / 1e9, kept);
                epochs.add(e);
                report.accept(e.toString());
                if (!schedule.finished()) {
                    ModelFile.write(checkpoint, model, checkpointHeader(schedule));
                    if (schedule.epochs() == interruptAfterEpochs) {
                        return epochs;
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        ModelFile.write(output, model);
        try {
            Files.deleteIfExists(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return epochs;
    }

    private TextPass[] trainEpoch(RnnModel model, Corpus text, float alpha, ExecutorService pool, int index) {
        Progress progress = new Progress("epoch " + index, text.size(), "words");
        float[] initial = new float[model.hidden().stateSize()];
        if (config.independent()) {
            model.hidden().resetState(initial);
        } else {
            model.hidden().initialState(initial);
        }
        int[][] ranges = text.split(threads);
        TextPass[] parts = new TextPass[threads];
        for (int i = 0; i < threads; i++) {
            parts[i] = new TextPass(model, text.units(), progress);
        }
        if (pool == null) {
            parts[0].train(ranges[0][0], ranges[0][1], initial, alpha, false, stream(index, 0));
        } else {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TextPass p = parts[i];
                int[] r = ranges[i];
                long stream = stream(index, i);
                jobs.add(pool.submit(() -> p.train(r[0], r[1], initial, alpha, true, stream)));
            }
            for (Future<?> f : jobs) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("training interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a training thread failed", e.getCause());
                }
            }
        }
        progress.finish();
        return parts;
    }

    /** The random stream of one epoch's thread: the same in a run resumed from a checkpoint. */
    private static long stream(int epoch, int thread) {
        return epoch * 1_000_003L + thread;
    }

    /** The validation pass: from the initial state, OOVs skipped, {@code </s>} included. */
    static TextPass validate(RnnModel model, Corpus text) {
        float[] initial = new float[model.hidden().stateSize()];
        if (model.config().independent()) {
            model.hidden().resetState(initial);
        } else {
            model.hidden().initialState(initial);
        }
        TextPass pass = new TextPass(model, text.units(), new Progress("validation", text.size(), "words"));
        pass.evaluate(0, text.size(), initial);
        return pass;
    }

    private Map<String, String> checkpointHeader(LearningRateSchedule schedule) {
        Map<String, String> m = new LinkedHashMap<>(schedule.toMap());
        m.put("checkpoint.train", train.toAbsolutePath().normalize().toString());
        m.put("checkpoint.valid", valid.toAbsolutePath().normalize().toString());
        m.put("checkpoint.train-bytes", Long.toString(sizeOf(train)));
        m.put("checkpoint.valid-bytes", Long.toString(sizeOf(valid)));
        return m;
    }

    private void checkSameRun(Path checkpoint, ModelFile.Loaded loaded) {
        Map<String, String> now = new LinkedHashMap<>(config.toMap());
        Map<String, String> then = new LinkedHashMap<>(loaded.model().config().toMap());
        now.remove("max-epochs");
        then.remove("max-epochs");
        Map<String, String> h = loaded.header();
        boolean same = now.equals(then)
                && train.toAbsolutePath().normalize().toString().equals(h.get("checkpoint.train"))
                && valid.toAbsolutePath().normalize().toString().equals(h.get("checkpoint.valid"))
                && Long.toString(sizeOf(train)).equals(h.get("checkpoint.train-bytes"))
                && Long.toString(sizeOf(valid)).equals(h.get("checkpoint.valid-bytes"))
                && h.containsKey("schedule.alpha");
        if (!same) {
            throw new InputFormatException(checkpoint, 0, "checkpoint of a different training run (other options or data);"
                    + " delete it to start afresh");
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Stops a run whose model has diverged: validation entropy not finite or above a uniform guess
     * over the vocabulary, which no trained model is. Nothing of the epoch is written; the
     * checkpoint of the last good epoch, if any, stays.
     */
    private void checkNotDiverged(int epoch, double alpha, double validBits, RnnVocabulary vocabulary) {
        int words = vocabulary.units() + vocabulary.rareWords() - (vocabulary.rareUnit() >= 0 ? 1 : 0);
        double uniform = Math.log(words) / Math.log(2);
        if (!Double.isFinite(validBits) || validBits > uniform) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "training diverged in epoch %d: validation entropy %s bits, worse than a uniform guess over the %,d words "
                            + "(%.1f bits); no model written. Train again with a lower --alpha (this epoch's rate: %s)",
                    epoch, Double.isFinite(validBits) ? String.format(Locale.ROOT, "%.1f", validBits) : String.valueOf(validBits),
                    words, uniform, alpha));
        }
    }

    private static double bits(double lnLikelihood, long words) {
        return words == 0 ? Double.NaN : -lnLikelihood / words / Math.log(2);
    }
}
