package org.lmrescore.cli;

import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.rnn.RnnModel;
import org.lmrescore.lm.rnn.RnnModels;
import org.lmrescore.lm.rnn.RnnlmToolkitFormat;
import org.lmrescore.lm.rnn.StreamEvaluator;
import org.lmrescore.lm.rnn.TextGenerator;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.OutputGuard;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rnn}: what the rnnlm toolkit does with one model: test (static or dynamic), generate, export. */
@Command(name = "rnn",
        description = {"Use one RNN model the way the rnnlm toolkit does: perplexity of a text read as one stream "
                + "(the hidden state carries across sentences; OOVs counted, not scored; </s> scored), optionally with "
                + "dynamic evaluation; text generation; export to the toolkit's text format.",
                "For mixes with a Kneser-Ney model and per-sentence scoring as in rescoring, use ppl --rnn."},
        footer = {"", "Examples:",
                "  rnn --model rnn200.bin --text test.txt",
                "  rnn --model rnn200.bin --text test.txt --dynamic 0.1 --json",
                "  rnn --model rnn200.bin --gen 200",
                "  rnn --model rnn200.bin --export rnn200.rnnlm.txt",
                "  rnn --model toolkit-model.txt --text test.txt --debug per-word.txt"})
public final class RnnCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "RNN model (.bin or rnnlm toolkit file).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--text", paramLabel = "FILE", description = "Text to score, one sentence per line.")
        Path text;

        @Option(names = "--gen", paramLabel = "N", description = "Generate about N words of text.")
        Integer gen;

        @Option(names = "--export", paramLabel = "FILE", description = "Write the model in the rnnlm toolkit's text format.")
        Path export;
    }

    @Option(names = "--dynamic", defaultValue = "0", paramLabel = "RATE",
            description = "Dynamic evaluation: keep training on the text with this learning rate (default: 0 = off).")
    double dynamic;

    @Option(names = "--json", description = "Print the totals as one JSON object.")
    boolean json;

    @Option(names = "--debug", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Per-word log10 probabilities (word TAB log10p, or OOV) to FILE or stdout ('-').")
    String debug;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of --gen (default: ${DEFAULT-VALUE}).", paramLabel = "N")
    long seed;

    @Override
    public Integer call() throws java.io.IOException {
        List<Path> inputs = java.util.Arrays.asList(model, action.text);
        OutputGuard.refuseOverwrite(action.export, inputs);
        if (debug != null && !debug.equals("-")) {
            OutputGuard.refuseOverwrite(Path.of(debug), inputs);
        }
        RnnModel m = RnnModels.load(model);
        PrintWriter out = new PrintWriter(System.out, false);
        if (action.gen != null) {
            if (action.gen < 1) {
                throw new InputFormatException("--gen needs a positive number of words");
            }
            new TextGenerator(m, seed).generate(action.gen).forEach(out::println);
        } else if (action.export != null) {
            RnnlmToolkitFormat.writeText(action.export, m);
            out.println("wrote " + action.export);
        } else {
            if (dynamic < 0) {
                throw new InputFormatException("--dynamic must be >= 0");
            }
            StreamEvaluator evaluator = new StreamEvaluator(m, dynamic);
            Perplexity ppl;
            if (debug == null) {
                ppl = evaluator.evaluate(action.text, null);
            } else if (debug.equals("-")) {
                ppl = evaluator.evaluate(action.text, out);
            } else {
                try (AtomicOutput file = AtomicOutput.create(Path.of(debug))) {
                    Writer w = file.writer();
                    ppl = evaluator.evaluate(action.text, w);
                    w.flush();
                    file.commit();
                }
            }
            out.println(json ? ppl.toJson().toString() : "file " + action.text + ": " + ppl);
        }
        out.flush();
        return 0;
    }
}
