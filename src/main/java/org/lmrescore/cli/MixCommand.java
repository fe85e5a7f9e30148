package org.lmrescore.cli;

import org.lmrescore.lm.mix.EmWeightEstimator;
import org.lmrescore.lm.mix.MixComponent;
import org.lmrescore.lm.mix.MixFile;
import org.lmrescore.lm.mix.MixTuner;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.OutputGuard;
import org.lmrescore.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mix}: interpolation weights tuned by EM on development text, saved as a mix file. */
@Command(name = "mix",
        description = {"Choose the weights of a linear mix of RNN and backoff models by EM on a development text "
                + "(maximum likelihood, as SRILM's compute-best-mix), print them with the development perplexity "
                + "before and after, and write a mix file that ppl and rescore read with --mix.",
                "The text is read as ppl reads it: one sentence per line, </s> scored, words outside every model's "
                        + "vocabulary skipped. EM starts from the given weights (default: RNNs share 0.75, backoff 0.25)."},
        footer = {"", "Examples:",
                "  mix --rnn a.bin,b.bin,c.bin --kn kn5.bin --text valid.txt --out brown.mix",
                "  mix --mix hand.mix --text valid.txt --out tuned.mix      # start from a mix file's weights",
                "  ppl --mix brown.mix --text test.txt --json"})
public final class MixCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "Development text to tune on (plain or gzip).")
    Path text;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Mix file to write (atomically).")
    Path out;

    @Option(names = "--tolerance", defaultValue = "1e-7",
            description = "Stop EM when the log-likelihood per token gains less than this (nats; default: ${DEFAULT-VALUE}).", paramLabel = "TOL")
    double tolerance;

    @Option(names = "--json", description = "Print one JSON object (weights, perplexities) instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        if (model.logLinear) {
            throw new InputFormatException("--log-linear: EM tunes the weights of a linear mix only");
        }
        List<MixComponent> start = model.components();
        if (start.size() < 2) {
            throw new InputFormatException("a mix needs at least two models (--rnn and/or --kn, or --mix)");
        }
        List<Path> inputs = new java.util.ArrayList<>(model.inputFiles());
        inputs.add(text);
        OutputGuard.refuseOverwrite(out, inputs);
        MixTuner.Result r = new MixTuner(new EmWeightEstimator(tolerance, 10_000)).tune(start, text);
        MixFile.write(out, r.tuned(), List.of(
                "lmrescore mix: weights tuned by EM on " + text.toAbsolutePath().normalize(),
                String.format(Locale.ROOT, "dev perplexity %.4f with the starting weights, %.4f tuned (%d EM rounds, %d tokens)",
                        r.perplexityBefore(), r.perplexityAfter(), r.iterations(), r.tokens())));
        if (json) {
            Json j = new Json();
            for (int i = 0; i < start.size(); i++) {
                j.put("weight" + i, r.tuned().get(i).weight());
            }
            j.put("ppl_before", r.perplexityBefore()).put("ppl_after", r.perplexityAfter())
                    .put("iterations", r.iterations()).put("tokens", r.tokens()).put("oovs", r.oovs());
            System.out.println(j);
        } else {
            System.out.println("model\tkind\tstart\ttuned\tpath");
            for (int i = 0; i < start.size(); i++) {
                MixComponent c = r.tuned().get(i);
                System.out.printf(Locale.ROOT, "%d\t%s\t%.4f\t%.6f\t%s%n", i + 1, c.kind().label(), start.get(i).weight(),
                        c.weight(), c.path());
            }
            System.out.printf(Locale.ROOT, "dev text %s: %,d sentences, %,d scored tokens, %,d OOVs%n", text,
                    r.sentences(), r.tokens(), r.oovs());
            System.out.printf(Locale.ROOT, "dev perplexity: %.4f with the starting weights, %.4f tuned (%d EM rounds)%n",
                    r.perplexityBefore(), r.perplexityAfter(), r.iterations());
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
