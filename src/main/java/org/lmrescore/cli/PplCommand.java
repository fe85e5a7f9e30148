package org.lmrescore.cli;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.util.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "ppl",
        description = "Perplexity of a text (one sentence per line) with SRILM's conventions: </s> scored, OOVs counted but not scored.",
        footer = {"", "Examples:",
                "  ppl --kn kn5.arpa.gz --text test.txt",
                "  ppl --kn kn5.bin --text test.txt --json",
                "  ppl --kn kn5.bin --text test.txt --debug test.perword",
                "  ppl --kn classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin --text ref.txt"})
public final class PplCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "Text to score (plain or gzip).")
    Path text;

    @Option(names = "--json", description = "Print one JSON object: sentences, words, oovs, zeroprobs, logprob, ppl, ppl1.")
    boolean json;

    @Option(names = "--debug", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Per-word log10 probabilities, one token per line (word TAB log10p, OOV, -inf); to FILE or stdout ('-').")
    String debug;

    @Option(names = "--score-oovs", description = "Score OOV words with p(<unk>) instead of skipping them (KenLM's 'including OOVs').")
    boolean scoreOovs;

    @Override
    public Integer call() throws Exception {
        LanguageModel lm = model.languageModel();
        PerplexityEvaluator evaluator = new PerplexityEvaluator(lm).scoreOovs(scoreOovs);
        Perplexity ppl;
        PrintWriter stdout = new PrintWriter(System.out, false);
        if (debug == null) {
            ppl = evaluator.evaluate(text, null);
        } else if (debug.equals("-")) {
            ppl = evaluator.evaluate(text, stdout);
        } else {
            try (AtomicOutput out = AtomicOutput.create(Path.of(debug))) {
                Writer w = out.writer();
                ppl = evaluator.evaluate(text, w);
                w.flush();
                out.commit();
            }
        }
        stdout.println(json ? ppl.toJson().toString() : "file " + text + ": " + ppl);
        stdout.flush();
        return 0;
    }
}
