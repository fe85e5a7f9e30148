package org.lmrescore.cli;

import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.Scorer;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.rescore.RunSummary;
import org.lmrescore.rescore.Tuner;
import org.lmrescore.rescore.TuningReport;
import org.lmrescore.rescore.TuningSet;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tune",
        mixinStandardHelpOptions = true,
        description = {"Choose the LM scale, word insertion penalty and first-pass LM weight that minimise WER on a "
                + "development set, then report them on held-out utterances.",
                "Each lattice gives its --nbest best first-pass paths (N-best inputs their lists); the model scores them "
                        + "once; a grid and then a Nelder-Mead search re-rank them. With --holdout-every 2 (default) the "
                        + "weights are tuned on utterances 1, 3, 5, ... and WER before/after, with MAPSSWE significance, "
                        + "is reported on 2, 4, 6, ... Pass the chosen values to rescore."},
        footer = {"", "Examples:",
                "  tune --kn kn5.bin --in ../shared/speech/dev/sphinx/lat --ref ../shared/speech/dev/ref.trn "
                        + "--baseline ../shared/speech/dev/sphinx/hyp.trn",
                "  tune --rnn r1.bin,r2.bin --kn kn5.bin --lambda 0.6 --in dev/nbest --ref ref.trn --first-pass-grid 0 --json"})
public final class TuneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--in", required = true, paramLabel = "DIR_OR_LIST", description = "Development lattices or N-best lists.")
    Path in;

    @Option(names = "--ref", required = true, paramLabel = "TRN", description = "Reference transcripts.")
    Path ref;

    @Option(names = "--baseline", paramLabel = "TRN",
            description = "The first pass's own 1-best for 'before' on the held-out part (default: each list's top).")
    Path baseline;

    @Option(names = "--nbest", paramLabel = "K", defaultValue = "100", description = "Paths per lattice (default ${DEFAULT-VALUE}).")
    int nbest;

    @Option(names = "--prune-beam", paramLabel = "B", defaultValue = "150",
            description = "Lattice pruning before the paths are taken, as in rescore (default ${DEFAULT-VALUE}).")
    double pruneBeam;

    @Option(names = "--lmscale-grid", split = ",", paramLabel = "X,...", defaultValue = "4,6,8,10,12,14,16",
            description = "LM scales of the grid (default ${DEFAULT-VALUE}).")
    double[] lmScales;

    @Option(names = "--wip-grid", split = ",", paramLabel = "Y,...", defaultValue = "-6,-3,0,3,6",
            description = "Word insertion penalties of the grid (default ${DEFAULT-VALUE}).")
    double[] penalties;

    @Option(names = "--first-pass-grid", split = ",", paramLabel = "W,...", defaultValue = "0,0.25,0.5",
            description = "First-pass LM weights of the grid; one value: not tuned (default ${DEFAULT-VALUE}).")
    double[] firstPassWeights;

    @Option(names = "--holdout-every", paramLabel = "N", defaultValue = "2",
            description = "Tune on all but every N-th utterance's share: N=2 halves the set; 1 tunes and reports on all (default ${DEFAULT-VALUE}).")
    int holdoutEvery;

    @Option(names = "--lowercase", description = "Look words up in the model in lower case.")
    boolean lowercase;

    @Option(names = "--score-fillers", description = "Let the LM score filler tokens and count them as words.")
    boolean scoreFillers;

    @Option(names = "--oov-logprob", paramLabel = "LP", defaultValue = "-16.118", description = "ln P charged for an unscorable word (default ${DEFAULT-VALUE}).")
    double oovLogProb;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() {
        if (holdoutEvery < 1 || nbest < 1) {
            throw new InputFormatException("--holdout-every and --nbest must be at least 1");
        }
        Map<String, List<String>> references = RunSummary.readReferences(ref);
        List<Utterance> utterances = new ArrayList<>();
        for (Path f : InputFiles.resolve(in)) {
            utterances.addAll(InputFormat.read(f));
        }
        ScoreWeights base;
        try {
            base = new ScoreWeights(1, 1, 0, 0, scoreFillers, oovLogProb);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
        Scorer scorer = new Scorer(model.languageModel(), base, lowercase);
        Log.info("scoring the %d-best lists of %d utterances", nbest, utterances.size());
        TuningSet all = TuningSet.build(utterances, scorer, nbest, pruneBeam, references, threads);
        if (all.entries().isEmpty()) {
            throw new InputFormatException(ref, 0, "no utterance of --in has a reference here");
        }
        TuningSet tuneOn = holdoutEvery == 1 ? all : all.slice(holdoutEvery, 0);
        TuningSet heldOut = holdoutEvery == 1 ? all : all.slice(holdoutEvery, 1);
        Tuner.Result result = Tuner.tune(tuneOn, base, lmScales, penalties, firstPassWeights);
        TuningReport report = TuningReport.of(result, tuneOn, heldOut, base, ref, baseline);
        PrintWriter out = new PrintWriter(System.out, false);
        out.println(report.format());
        if (json) {
            out.println(report.toJson());
        }
        out.flush();
        return 0;
    }
}
