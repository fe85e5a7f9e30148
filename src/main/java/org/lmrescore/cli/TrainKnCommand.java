package org.lmrescore.cli;

import org.lmrescore.lm.ngram.ArpaWriter;
import org.lmrescore.lm.ngram.BackoffTables;
import org.lmrescore.lm.ngram.EntropyPruner;
import org.lmrescore.lm.ngram.KneserNeyOptions;
import org.lmrescore.lm.ngram.KneserNeyTrainer;
import org.lmrescore.lm.ngram.NgramCounts;
import org.lmrescore.lm.ngram.OrderSink;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.OutputGuard;
import org.lmrescore.util.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train-kn",
        description = {"Train an interpolated modified Kneser-Ney n-gram model from text (one sentence per line).",
                "Default: the same model as KenLM's lmplz -o N. --srilm: SRILM's ngram-count -kndiscount -interpolate with count cutoffs."},
        footer = {"", "Examples:",
                "  train-kn --order 5 --text train.txt --arpa kn5.arpa.gz --binary kn5.bin",
                "  train-kn --order 3 --text train.txt --arpa kn3.arpa --srilm",
                "  train-kn --order 4 --text train.txt --arpa kn4.arpa --cutoffs 1,1,1,2 --vocab words.txt",
                "  train-kn --order 3 --text train.txt --binary kn3.trie --prune 0 0 1 --layout trie --quantize 8",
                "  train-kn --text big.txt --arpa kn5.arpa.gz --memory 2G --temp /scratch --verbose"})
public final class TrainKnCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--order", paramLabel = "N", defaultValue = "5", description = "N-gram order (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "Training text, one sentence per line (plain or gzip).")
    Path text;

    @Option(names = "--arpa", paramLabel = "OUT", description = "ARPA output (.gz compresses).")
    Path arpa;

    @Option(names = "--binary", paramLabel = "OUT", description = "Binary model output (as build-binary writes).")
    Path binary;

    @Mixin
    BinaryLayoutOptions layout;

    @Option(names = "--srilm", description = "SRILM-compatible mode: count cutoffs (default 1,1,2,2,2,...), <unk> only with --unk, <s> at -99.")
    boolean srilm;

    @Option(names = "--cutoffs", paramLabel = "LIST", split = ",",
            description = "Minimum (adjusted) count per order, comma-separated, order 1 first (must be 1); the last value repeats. Rarer n-grams are dropped.")
    int[] cutoffs;

    @Option(names = "--prune", paramLabel = "T", arity = "1..*",
            description = {"lmplz's count pruning: drop n-grams whose (adjusted) count is at most T, one threshold per order",
                    "from unigrams (which must be 0), the last repeating: --prune 0 0 1 is --cutoffs 1,1,2."})
    int[] prune;

    @Option(names = "--unk", description = "Open vocabulary: keep <unk> in the model (always so without --srilm).")
    boolean unk;

    @Option(names = "--vocab", paramLabel = "FILE", description = "Word list: other training words become <unk>; listed unseen words get smoothing mass.")
    Path vocab;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1G",
            description = "Memory for counting before sorted runs spill to disk (default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--temp", paramLabel = "DIR", description = "Folder for spilled count runs (default: java.io.tmpdir).")
    Path temp;

    @Option(names = "--discount-fallback", description = "Use discounts 0.5, 1, 1.5 when they cannot be estimated (tiny data).")
    boolean discountFallback;

    @Option(names = "--entropy-prune", paramLabel = "THRESHOLD",
            description = "Relative-entropy pruning (Stolcke 1998, SRILM's -prune): drop each n-gram (order 2 and up) whose "
                    + "removal changes the model's perplexity by less than THRESHOLD (e.g. 1e-8 to 1e-6), backoff weights "
                    + "recomputed.")
    Double entropyPrune;

    /** How the text is counted: in this JVM by default; {@code SparkTrainKn} counts it on a cluster. */
    public interface Counter {
        /** The counts of {@code job}'s text, as {@code trainer.count} makes them. */
        NgramCounts count(TrainKnCommand job, KneserNeyTrainer trainer);
    }

    private final Counter counter;

    public TrainKnCommand() {
        this((job, trainer) -> trainer.count(job.text));
    }

    public TrainKnCommand(Counter counter) {
        this.counter = counter;
    }

    public Path text() {
        return text;
    }

    public int order() {
        return order;
    }

    /** The --vocab word list, or null. */
    public Path wordList() {
        return vocab;
    }

    @Override
    public Integer call() {
        if (arpa == null && binary == null) {
            throw new InputFormatException("nothing to write: give --arpa OUT and/or --binary OUT");
        }
        if (entropyPrune != null && !(entropyPrune > 0 && entropyPrune < Double.POSITIVE_INFINITY)) {
            throw new InputFormatException("--entropy-prune must be a positive threshold, not " + entropyPrune);
        }
        layout.layout();
        OutputGuard.refuseOverwrite(arpa, java.util.Arrays.asList(text, vocab));
        OutputGuard.refuseOverwrite(binary, java.util.Arrays.asList(text, vocab));
        if (arpa != null && binary != null && arpa.toAbsolutePath().normalize().equals(binary.toAbsolutePath().normalize())) {
            throw new InputFormatException("--arpa and --binary name the same file " + arpa);
        }
        KneserNeyOptions options = new KneserNeyOptions()
                .order(order)
                .srilm(srilm)
                .unk(unk)
                .vocabulary(vocab)
                .memory(KneserNeyOptions.parseBytes(memory))
                .tempDir(temp)
                .discountFallback(discountFallback);
        if (cutoffs != null && prune != null) {
            throw new InputFormatException("give --cutoffs or --prune, not both");
        }
        if (cutoffs != null) {
            options.cutoffs(cutoffs);
        }
        if (prune != null) {
            int[] minCounts = new int[prune.length];
            for (int k = 0; k < prune.length; k++) {
                if (prune[k] < 0 || (k > 0 && prune[k] < prune[k - 1])) {
                    throw new InputFormatException("--prune thresholds must be non-negative and non-decreasing: "
                            + java.util.Arrays.toString(prune));
                }
                minCounts[k] = Math.addExact(prune[k], 1);
            }
            options.cutoffs(minCounts);
        }
        long t0 = System.nanoTime();
        KneserNeyTrainer trainer = new KneserNeyTrainer(options);
        NgramCounts counts = counter.count(this, trainer);
        BackoffTables model;
        OrderSink.Counts sizes = new OrderSink.Counts();
        // the ARPA file is written as the orders are estimated, unless pruning changes them after
        boolean streamArpa = arpa != null && entropyPrune == null;
        try (ArpaWriter.Streaming streaming = streamArpa ? new ArpaWriter.Streaming(arpa, options.writerQueueBytes()) : null) {
            OrderSink.Collector kept = new OrderSink.Collector();
            boolean keep = binary != null || entropyPrune != null;
            OrderSink sink = streamArpa && keep ? OrderSink.both(streaming, kept) : streamArpa ? streaming : kept;
            trainer.train(counts, OrderSink.both(sink, sizes));
            model = keep ? kept.tables() : null;
        }
        if (streamArpa) {
            Log.info("wrote %s", arpa);
        }
        Log.info("discounts:%n%s", trainer.discountsDescription().stripTrailing());
        if (entropyPrune != null) {
            String before = counts(model);
            model = EntropyPruner.prune(model, entropyPrune);
            Log.info("entropy pruning at %g: n-grams %s -> %s", entropyPrune, before, counts(model));
            if (arpa != null) {
                ArpaWriter.write(model, arpa);
                Log.info("wrote %s", arpa);
            }
        }
        if (binary != null) {
            layout.write(model, binary);
            Log.info("wrote %s", binary);
        }
        Log.always("train-kn: %d-gram model, n-grams %s, %.1f s", order, model != null ? counts(model) : sizes,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static String counts(BackoffTables model) {
        StringBuilder counts = new StringBuilder();
        for (int k = 1; k <= model.order(); k++) {
            counts.append(k == 1 ? "" : "/").append(model.count(k));
        }
        return counts.toString();
    }
}
