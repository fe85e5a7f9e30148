package org.lmrescore.cli;

import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.lm.rnn.RnnModels;
import org.lmrescore.lm.rnn.StreamEvaluator;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ppl",
        description = "Perplexity of a text (one sentence per line) with SRILM's conventions: </s> scored, OOVs counted but not scored.",
        footer = {"", "Examples:",
                "  ppl --kn kn5.arpa.gz --text test.txt",
                "  ppl --kn kn5.bin --text test.txt --json",
                "  ppl --kn kn5.bin --text test.txt --debug test.perword",
                "  ppl --kn kn5.bin --text shards/*.txt --json                   # one load, a line per file, then the total",
                "  ppl --kn classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin --text ref.txt",
                "  ppl --rnn rnn200.bin --text test.txt",
                "  ppl --rnn a.bin,b.bin --kn kn5.bin --text test.txt --json     # RNNs share 0.75, KN 0.25",
                "  ppl --rnn rnn200.bin --kn kn5.bin --lambda 0.5 --text test.txt",
                "  ppl --rnn rnn200.bin --dynamic 0.1 --text test.txt            # dynamic evaluation",
                "  ppl --mix brown.mix --text test.txt --json                    # weights tuned by 'mix'",
                "  ppl --rnn a.bin --kn kn5.bin --log-linear --text test.txt     # log-linear, for comparison"})
public final class PplCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--text", required = true, arity = "1..*", paramLabel = "FILE",
            description = {"Text to score (plain or gzip). Several files are scored with the models loaded once: a summary",
                    "per file, in order, then one of all of them together."})
    List<Path> texts;

    @Option(names = "--json", description = "Print one JSON object: sentences, words, oovs, zeroprobs, logprob, ppl, ppl1 (one per file, then the total).")
    boolean json;

    @Option(names = "--debug", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Per-word log10 probabilities, one token per line (word TAB log10p, OOV, -inf); to FILE or stdout ('-').")
    String debug;

    @Option(names = "--score-oovs", description = "Score OOV words with p(<unk>) instead of skipping them (KenLM's 'including OOVs').")
    boolean scoreOovs;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads scoring sentences (default: all cores); results do not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dynamic", paramLabel = "RATE", defaultValue = "0",
            description = {"Dynamic evaluation of one RNN (no --kn): it keeps training on the text as it reads it, with",
                    "this learning rate; the text is read as one stream, as the rnnlm toolkit's -test does."})
    double dynamic;

    @Override
    public Integer call() throws Exception {
        if (debug != null && !debug.equals("-")) {
            List<Path> inputs = new java.util.ArrayList<>(model.inputFiles());
            inputs.addAll(texts);
            OutputGuard.refuseOverwrite(Path.of(debug), inputs);
        }
        TextScorer evaluator;
        if (dynamic != 0) {
            if (dynamic < 0 || model.hasBackoff() || model.hasMixFile() || model.rnn().paths().size() != 1) {
                throw new InputFormatException("--dynamic takes a positive rate and exactly one --rnn model, without --kn");
            }
            if (texts.size() != 1) {
                // the model keeps training on what it reads: a second file would be scored by a different model
                throw new InputFormatException("--dynamic takes one --text");
            }
            StreamEvaluator stream = new StreamEvaluator(RnnModels.load(model.rnn().paths().get(0)), dynamic);
            evaluator = stream::evaluate;
        } else {
            if (threads < 1) {
                throw new InputFormatException("--threads must be at least 1, not " + threads);
            }
            evaluator = new PerplexityEvaluator(model.languageModel()).scoreOovs(scoreOovs).threads(threads)::evaluate;
        }
        PrintWriter stdout = new PrintWriter(System.out, false);
        if (debug == null) {
            scoreAll(evaluator, null, stdout);
        } else if (debug.equals("-")) {
            scoreAll(evaluator, stdout, stdout);
        } else {
            try (AtomicOutput out = AtomicOutput.create(Path.of(debug))) {
                Writer w = out.writer();
                scoreAll(evaluator, w, stdout);
                w.flush();
                out.commit();
            }
        }
        return 0;
    }

    /**
     * Scores every text in order, per-word lines of all of them to {@code perWord}; prints each
     * file's summary as it is done and, for several files, the summary of all of them (the
     * totals added up, so its perplexity is that of the files read as one text).
     */
    private void scoreAll(TextScorer evaluator, Writer perWord, PrintWriter stdout) {
        Perplexity all = new Perplexity();
        for (Path text : texts) {
            Perplexity ppl = evaluator.evaluate(text, perWord);
            all.add(ppl);
            if (json) {
                stdout.println((texts.size() > 1 ? ppl.toJson().put("file", text.toString()) : ppl.toJson()).toString());
            } else {
                stdout.println("file " + text + ": " + ppl);
            }
            stdout.flush();
        }
        if (texts.size() > 1) {
            stdout.println(json ? all.toJson().put("files", texts.size()).toString() : texts.size() + " files: " + all);
            stdout.flush();
        }
    }

    /** Either evaluator: text and optional per-word output in, totals out. */
    private interface TextScorer {
        Perplexity evaluate(Path text, Writer perWord);
    }
}
