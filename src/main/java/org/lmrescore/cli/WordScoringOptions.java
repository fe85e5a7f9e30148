package org.lmrescore.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * How hypothesis words meet the model, shared by {@code rescore} and {@code tune} so that the
 * options {@code tune --params} writes mean the same to {@code rescore}.
 */
public final class WordScoringOptions {
    @Option(names = "--score-fillers", description = "Let the LM score filler tokens (<sil>, [noise]) and count them as words.")
    boolean scoreFillers;

    @Option(names = "--lowercase", description = "Look words up in the model in lower case (for upper-case lattices such as AMI's).")
    boolean lowercase;

    @Option(names = "--oov-logprob", paramLabel = "LP", defaultValue = "-16.118",
            description = "ln P charged for a word the model cannot score (default ${DEFAULT-VALUE} = ln 1e-7).")
    double oovLogProb;

    /** These options as command-line arguments, one option a line (for a picocli @-file). */
    List<String> asArguments() {
        List<String> lines = new ArrayList<>();
        if (scoreFillers) {
            lines.add("--score-fillers");
        }
        if (lowercase) {
            lines.add("--lowercase");
        }
        lines.add("--oov-logprob " + oovLogProb);
        return lines;
    }
}
