package org.lmrescore.cli;

import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.ReadOptions;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.mix.MixComponent;
import org.lmrescore.eval.ConfidenceMap;
import org.lmrescore.eval.ConfidenceScore;
import org.lmrescore.rescore.Decode;
import org.lmrescore.rescore.RunSummary;
import org.lmrescore.rescore.tune.FeatureExtractor;
import org.lmrescore.rescore.tune.SearchRange;
import org.lmrescore.rescore.tune.TuningInputs;
import org.lmrescore.rescore.tune.TuningPoint;
import org.lmrescore.rescore.tune.TuningSet;
import org.lmrescore.rescore.tune.UtteranceFeatures;
import org.lmrescore.rescore.tune.UtteranceSplit;
import org.lmrescore.rescore.tune.WeightSearch;
import org.lmrescore.rescore.tune.WerSurface;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.OutputGuard;
import org.lmrescore.util.Json;
import org.lmrescore.util.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "tune",
        description = {"Choose lmscale, word insertion penalty, first-pass LM weight and the RNN/backoff interpolation "
                + "weight (lambda) that minimise WER on a development set, for 'rescore'.",
                "The K best hypotheses of each lattice (or N-best list) are scored once by every model; each trial "
                        + "is then arithmetic over the cached scores and edit errors: a grid, then a coordinate search.",
                "Prints the chosen values, WER before/after on the tuning and held-out utterances and a WER surface "
                        + "(lmscale x wip); --params writes the chosen options as a file 'rescore @FILE' reads."},
        footer = {"", "Examples:",
                "  tune --kn kn5.bin --rnn rnn.bin --in ../shared/speech/dev/sphinx/lat --ref ../shared/speech/dev/ref.trn "
                        + "--split even --params tuned.args",
                "  rescore @tuned.args --kn kn5.bin --rnn rnn.bin --in dev/lat --out out --mode nbest",
                "  tune --kn kn5.bin --in nbest/ --ref ref.trn --wip-range 0 --first-pass-weight-range 0 --json"})
public final class TuneCommand implements Callable<Integer> {
    /** The lmscale the candidate N-best lists are drawn from lattices with (Sphinx4's language weight, about). */
    private static final double CANDIDATE_LM_SCALE = 8;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--in", required = true, paramLabel = "DIR_OR_LIST",
            description = "Development lattices or N-best lists: a folder, a list file or one file.")
    Path in;

    @Option(names = "--ref", required = true, paramLabel = "TRN", description = "Reference transcripts.")
    Path ref;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = "all",
            description = "Utterances to tune on: all, even, odd (by position in sorted ids) or a file of ids; "
                    + "the others are held out and reported (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--nbest", paramLabel = "K", defaultValue = "100",
            description = "Hypotheses per utterance: a lattice's K best distinct word strings, an N-best list's first K "
                    + "(default ${DEFAULT-VALUE}).")
    int nbest;

    @Option(names = "--lmscale-range", paramLabel = "MIN:MAX", defaultValue = "2:24",
            description = "Search range of lmscale (one value fixes it; default ${DEFAULT-VALUE}).")
    String lmScaleRange;

    @Option(names = "--wip-range", paramLabel = "MIN:MAX", defaultValue = "-10:10",
            description = "Search range of the word insertion penalty (default ${DEFAULT-VALUE}).")
    String wipRange;

    @Option(names = "--first-pass-weight-range", paramLabel = "MIN:MAX", defaultValue = "0:1",
            description = "Search range of the first-pass LM weight (default ${DEFAULT-VALUE}).")
    String firstPassRange;

    @Option(names = "--lambda-range", paramLabel = "MIN:MAX", defaultValue = "0.05:0.95",
            description = "Search range of the RNNs' total mix weight, with --rnn and --kn (default ${DEFAULT-VALUE}).")
    String lambdaRange;

    @Option(names = "--lambda-sweep", paramLabel = "L1,L2,...", split = ",",
            description = "Also tune the other weights at each of these fixed RNN weights and report WER on both halves "
                    + "for each (WER against lambda, with the models scored once; JSON 'lambda_sweep').")
    double[] lambdaSweep;

    @Mixin
    InputFormatOption input;

    @Option(names = "--decode", paramLabel = "HOW", defaultValue = "viterbi",
            description = "mbr (or consensus): after the weights, also choose the posterior scale of rescore --decode mbr "
                    + "(multiples of 1/lmscale, fewest errors of the tuning set's N-best consensus) and write both to --params "
                    + "(default: ${DEFAULT-VALUE}).")
    String decode;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Write the chosen rescore options here (read them with 'rescore @FILE').")
    Path params;

    @Mixin
    WordScoringOptions words;

    @Option(names = "--strict", description = "Stop at the first file that fails (default: report it and go on).")
    boolean strict;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Threads scoring hypotheses (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** How the hypotheses are scored: on this JVM's threads by default; {@code SparkTune} scores them on a cluster. */
    public interface Runner {
        /** The files {@code --in} names ({@code raw}: as given). */
        default List<Path> inputs(TuneCommand job, String raw) {
            return InputFiles.resolve(job.in);
        }

        /** The features of every utterance with a reference in {@code files} (those of {@link #inputs}), in input order. */
        List<UtteranceFeatures> features(TuneCommand job, List<Path> files);
    }

    private final Runner runner;

    // what prepare() builds from the options
    private ReadOptions inputReading;
    private SearchRange[] ranges;
    private ScoreWeights reading;
    private Map<String, List<String>> references;
    private int rnnCount;
    private boolean hasBackoff;

    public TuneCommand() {
        this(TuneCommand::featuresHere);
    }

    public TuneCommand(Runner runner) {
        this.runner = runner;
    }

    /** Checks the options and reads the references; every caller of the methods below does this first. */
    public void prepare() {
        inputReading = input.reading();
        try {
            ranges = new SearchRange[] {SearchRange.parse(lmScaleRange), SearchRange.parse(wipRange),
                    SearchRange.parse(firstPassRange), SearchRange.parse(lambdaRange)};
            if (ranges[3].min() <= 0 || ranges[3].max() >= 1) {
                throw new IllegalArgumentException("--lambda-range must lie strictly between 0 and 1");
            }
            for (double l : lambdaSweep == null ? new double[0] : lambdaSweep) {
                if (!(l > 0 && l < 1)) {
                    throw new IllegalArgumentException("--lambda-sweep: each weight must lie strictly between 0 and 1, not " + l);
                }
            }
            reading = ScoreWeights.of(CANDIDATE_LM_SCALE, 0).withScoreFillers(words.scoreFillers).withOovLogProb(words.oovLogProb);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
        if (nbest < 1) {
            throw new InputFormatException("--nbest must be at least 1");
        }
        references = RunSummary.readReferences(ref);
        if (!model.present()) {
            throw new InputFormatException("no model given: use --kn MODEL and/or --rnn MODEL[,MODEL...]");
        }
        if (model.logLinear) {
            throw new InputFormatException("tune searches linear mixes: drop --log-linear");
        }
        if (lambdaSweep != null && (model.components().stream().noneMatch(c -> c.kind() == MixComponent.Kind.RNN)
                || model.components().stream().allMatch(c -> c.kind() == MixComponent.Kind.RNN))) {
            throw new InputFormatException("--lambda-sweep needs RNNs and a backoff model to mix (--rnn and --kn)");
        }
        // The models of --rnn/--kn or of a mix file: RNNs share lambda, one backoff model gets the rest.
        rnnCount = 0;
        hasBackoff = false;
        for (MixComponent c : model.components()) {
            if (c.kind() == MixComponent.Kind.RNN) {
                rnnCount++;
            } else if (!hasBackoff) {
                hasBackoff = true;
            } else {
                throw new InputFormatException("tune mixes one backoff model with the RNNs; the mix names more than one");
            }
        }
    }

    /** The models loaded (RNNs then the backoff model), in the extractor that scores hypotheses with each. */
    public FeatureExtractor featureExtractor() {
        List<LanguageModel> rnns = new ArrayList<>();
        LanguageModel backoff = null;
        for (MixComponent c : model.components()) {
            if (c.kind() == MixComponent.Kind.RNN) {
                rnns.add(c.load());
            } else {
                backoff = c.load();
            }
        }
        return new FeatureExtractor(rnns, backoff, reading, words.lowercase);
    }

    /** The N-best lists tune searches over in {@code files}: bad files reported and skipped, or with {@code strict} thrown. */
    public List<NBestList> lists(List<Path> files, boolean strict) {
        return TuningInputs.read(files, inputReading, nbest, strict);
    }

    public Map<String, List<String>> references() {
        return references;
    }

    public boolean strict() {
        return strict;
    }

    /** The default runner: every file read, then the hypotheses scored on --threads threads. */
    private static List<UtteranceFeatures> featuresHere(TuneCommand job, List<Path> files) {
        FeatureExtractor extractor = job.featureExtractor();
        return extractor.extract(job.lists(files, job.strict), job.references, job.threads);
    }

    @Override
    public Integer call() {
        prepare();
        double defaultLambda = model.rnn().rnnShare(rnnCount, hasBackoff);  // the RNN weight rescore uses
        List<Path> inputFiles = runner.inputs(this, spec.commandLine().getParseResult().matchedOption("--in").stringValues().get(0));
        List<Path> inputs = new ArrayList<>(inputFiles);
        inputs.addAll(java.util.Arrays.asList(in, ref));
        inputs.addAll(model.inputFiles());
        inputs.addAll(input.files());
        OutputGuard.refuseOverwrite(params, inputs);
        long t0 = System.nanoTime();
        List<UtteranceFeatures> features = runner.features(this, inputFiles);
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        TuningSet all = new TuningSet(features, rnnCount, hasBackoff, words.oovLogProb);
        if (all.utterances().isEmpty()) {
            throw new InputFormatException(in, 0, "no utterance with a reference to tune on");
        }
        List<String> ids = new ArrayList<>();
        features.forEach(f -> ids.add(f.id()));
        Set<String> tuneIds;
        try {
            tuneIds = UtteranceSplit.tuneIds(ids, split);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException("--split: " + e.getMessage());
        }
        TuningSet tuneSet = all.select(tuneIds, true);
        TuningSet heldOut = all.select(tuneIds, false);

        long t1 = System.nanoTime();
        WeightSearch.Result result = new WeightSearch(tuneSet, ranges).run();
        double searchSeconds = (System.nanoTime() - t1) / 1e9;
        TuningPoint chosen = result.point().rounded();
        double tunedWer = tuneSet.wer(chosen);
        TuningPoint defaults = new TuningPoint(ScoreWeights.DEFAULT_LM_SCALE, 0, ScoreWeights.DEFAULT_FIRST_PASS_WEIGHT, defaultLambda);
        boolean withLambda = all.hasMixWeight();

        double posteriorScale = 0;
        double tuningConsensusWer = Double.NaN;
        double heldOutConsensusWer = Double.NaN;
        if (Decode.parse(decode).consensus()) {
            posteriorScale = consensusScale(tuneSet, chosen);
            tuningConsensusWer = tuneSet.percent(tuneSet.consensusErrors(chosen, posteriorScale));
            heldOutConsensusWer = heldOut.percent(heldOut.consensusErrors(chosen, posteriorScale));
        }
        // the ctm's confidences: the posterior scale rescore will use, and the map that calibrates its posteriors
        double confidenceScale = posteriorScale > 0 ? posteriorScale : chosen.lmScale() > 0 ? 1 / chosen.lmScale() : 1;
        TuningSet.WordPosteriors tuningWords = tuneSet.wordPosteriors(chosen, confidenceScale);
        ConfidenceMap confidenceMap = ConfidenceMap.fit(tuningWords.posterior(), tuningWords.correct());
        TuningSet.WordPosteriors heldOutWords = heldOut.wordPosteriors(chosen, confidenceScale);
        if (params != null) {
            List<String> arguments = new ArrayList<>(chosen.rescoreArguments(withLambda));
            arguments.add("--confidence-map");
            arguments.add(confidenceMap.argument());
            if (posteriorScale > 0) {
                arguments.add("--decode");
                arguments.add("mbr");
                arguments.add("--posterior-scale");
                arguments.add(String.format(Locale.ROOT, "%.6g", posteriorScale));
            }
            arguments.addAll(words.asArguments());  // scored as tuned, or the WER would not carry over
            AtomicOutput.writeString(params, String.join("\n", arguments) + "\n");
        }
        PrintWriter out = new PrintWriter(System.out, false);
        int hyps = 0;
        for (UtteranceFeatures f : features) {
            hyps += f.hypotheses().size();
        }
        out.printf(Locale.ROOT, "%d utterances, %d hypotheses (up to %d each), scored in %.1f s; tuning on %d (%d words), "
                        + "holding out %d (%d words)%n", features.size(), hyps, nbest, featureSeconds,
                tuneSet.utterances().size(), tuneSet.referenceWords(), heldOut.utterances().size(), heldOut.referenceWords());
        out.printf(Locale.ROOT, "search: %d weight settings in %.2f s%n", result.trials(), searchSeconds);
        out.println("chosen: " + chosen.format(withLambda));
        out.printf(Locale.ROOT, "%-58s %9s %9s%n", "WER %", "tuning", "held out");
        row(out, "defaults (" + defaults.format(withLambda) + ")", tuneSet.wer(defaults), heldOut, heldOut.wer(defaults));
        row(out, "tuned", tunedWer, heldOut, heldOut.wer(chosen));
        if (posteriorScale > 0) {
            row(out, String.format(Locale.ROOT, "tuned, consensus decoding (posterior scale %.4g)", posteriorScale),
                    tuningConsensusWer, heldOut, heldOutConsensusWer);
        }
        row(out, "oracle of the " + nbest + "-best", tuneSet.percent(tuneSet.oracleErrors()), heldOut,
                heldOut.percent(heldOut.oracleErrors()));
        out.printf(Locale.ROOT, "%-58s %9s %9s%n", "confidence NCE (the tuned 1-best's words)", "tuning", "held out");
        nceRow(out, String.format(Locale.ROOT, "posteriors (scale %.4g)", confidenceScale),
                nce(tuningWords, ConfidenceMap.IDENTITY), heldOut, nce(heldOutWords, ConfidenceMap.IDENTITY));
        nceRow(out, "calibrated (--confidence-map " + confidenceMap.argument() + ")", nce(tuningWords, confidenceMap), heldOut,
                nce(heldOutWords, confidenceMap));
        List<Json> sweep = new ArrayList<>();
        if (lambdaSweep != null) {
            out.printf(Locale.ROOT, "%-58s %9s %9s%n", "WER % at a fixed lambda, the other weights tuned", "tuning", "held out");
            for (double l : lambdaSweep) {
                SearchRange[] fixed = ranges.clone();
                fixed[3] = new SearchRange(l, l);
                TuningPoint p = new WeightSearch(tuneSet, fixed).run().point().rounded();
                row(out, p.format(true), tuneSet.wer(p), heldOut, heldOut.wer(p));
                Json j = new Json().put("lambda", l).put("lmscale", p.lmScale()).put("wip", p.wip())
                        .put("first_pass_weight", p.firstPassWeight()).put("tuning_wer", round(tuneSet.wer(p)));
                if (!heldOut.utterances().isEmpty()) {
                    j.put("held_out_wer", round(heldOut.wer(p)));
                }
                sweep.add(j);
            }
        }
        out.print(WerSurface.table(tuneSet, chosen, ranges[0], ranges[1], 9, 9));
        if (params != null) {
            out.println("wrote " + params + " (rescore @" + params + " ...)");
        }
        if (json) {
            Json j = new Json()
                    .put("utterances", features.size())
                    .put("tuning_utterances", tuneSet.utterances().size())
                    .put("held_out_utterances", heldOut.utterances().size())
                    .put("lmscale", chosen.lmScale())
                    .put("wip", chosen.wip())
                    .put("first_pass_weight", chosen.firstPassWeight());
            if (withLambda) {
                j.put("lambda", chosen.rnnWeight());
            }
            if (posteriorScale > 0) {
                j.put("posterior_scale", posteriorScale)
                        .put("tuning_wer_consensus", round(tuningConsensusWer));
                if (!heldOut.utterances().isEmpty()) {
                    j.put("held_out_wer_consensus", round(heldOutConsensusWer));
                }
            }
            j.put("confidence_map", confidenceMap.argument()).put("tuning_nce", nce(tuningWords, confidenceMap));
            if (!heldOut.utterances().isEmpty()) {
                j.put("held_out_nce", nce(heldOutWords, confidenceMap));
            }
            j.put("tuning_wer_default", round(tuneSet.wer(defaults)))
                    .put("tuning_wer", round(tunedWer))
                    .put("trials", result.trials());
            if (!heldOut.utterances().isEmpty()) {
                j.put("held_out_wer_default", round(heldOut.wer(defaults)))
                        .put("held_out_wer", round(heldOut.wer(chosen)))
                        .put("held_out_oracle_wer", round(heldOut.percent(heldOut.oracleErrors())));
            }
            if (lambdaSweep != null) {
                j.put("lambda_sweep", sweep);
            }
            out.println(j);
        }
        out.flush();
        Log.info("tuned in %.1f s", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Multiples of 1 / lmscale tried for the consensus posterior scale, the customary value first (it wins ties). */
    private static final double[] SCALE_FACTORS = {1, 0.125, 0.25, 0.5, 2, 4};

    /** The posterior scale whose consensus decoding makes the fewest errors on the tuning set, at the tuned weights. */
    private static double consensusScale(TuningSet tuneSet, TuningPoint chosen) {
        double best = 0;
        long bestErrors = Long.MAX_VALUE;
        for (double f : SCALE_FACTORS) {
            double scale = f / (chosen.lmScale() > 0 ? chosen.lmScale() : 1);
            long e = tuneSet.consensusErrors(chosen, scale);
            Log.info("consensus at posterior scale %.4g: %d errors", scale, e);
            if (e < bestErrors) {
                best = scale;
                bestErrors = e;
            }
        }
        return best;
    }

    /** The NCE of the words' posteriors mapped to confidences by {@code map}; NaN without words. */
    private static double nce(TuningSet.WordPosteriors words, ConfidenceMap map) {
        double[] c = new double[words.posterior().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = map.apply(words.posterior()[i]);
        }
        ConfidenceScore s = ConfidenceScore.of(c, words.correct());
        return s == null ? Double.NaN : s.nce();
    }

    private static void nceRow(PrintWriter out, String label, double tuning, TuningSet heldOut, double held) {
        out.printf(Locale.ROOT, "%-58s %9.4f %9s%n", label, tuning,
                heldOut.utterances().isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", held));
    }

    private static void row(PrintWriter out, String label, double tuning, TuningSet heldOut, double held) {
        out.printf(Locale.ROOT, "%-58s %9.2f %9s%n", label, tuning,
                heldOut.utterances().isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", held));
    }


    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
