package org.lmrescore.cli;

import org.lmrescore.eval.ConfidenceMap;
import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.ReadOptions;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.AdaptationHook;
import org.lmrescore.rescore.BatchRescorer;
import org.lmrescore.rescore.Decode;
import org.lmrescore.rescore.DynamicAdaptation;
import org.lmrescore.rescore.LatticeRescorer;
import org.lmrescore.rescore.OutputFiles;
import org.lmrescore.rescore.RescoreSettings;
import org.lmrescore.rescore.RunSummary;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.rescore.UtteranceRescorer;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Json;
import org.lmrescore.util.Log;
import org.lmrescore.util.OutputGuard;
import org.lmrescore.util.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "rescore",
        description = {"Rescore lattices or N-best lists with a language model and write better transcripts.",
                "Inputs (recognised by content): HTK SLF lattices (HTK, SRILM, Sphinx4 dumpSlf; gzip), Sphinx4 Lattice.dump "
                        + "files, SRILM N-best lists (NBestList1.0/2.0, 'ascore lscore nwords words'), Sphinx .nbest TSV, "
                        + "rnnlm 'uttid words' lists, and this program's nbest.tsv.",
                "total = acscale x acoustic + lmscale x ln P(words) + wip x words [+ first-pass-weight x first-pass LM score]; "
                        + "natural logs, every input's log base converted. Fillers (<sil>, [noise]) are skipped by the LM unless "
                        + "--score-fillers.",
                "Writes to --out: best.trn, best.txt (Kaldi text), before.trn, best.ctm (when the input has times), "
                        + "nbest.tsv, nbest.rnnlm.txt, nbest.kaldi.txt, nbest-srilm/ID.nbest (and nbest-srilm2/ID.nbest, "
                        + "NBestList2.0, with times), oracle.trn (with --ref), lattices/ID.slf.gz (rescored lattices, new LM "
                        + "scores), summary.json.",
                "Exit status: 0; 1 when some file could not be rescored (reported, skipped); 2 for bad options or, with --strict, a bad file."},
        footer = {"", "Examples:",
                "  rescore --rnn models/rnn-small.bin --kn models/kn5-small.arpa.gz --in ../shared/speech/dev/sphinx/slf --out out \\",
                "          --ref ../shared/speech/dev/ref.trn --baseline ../shared/speech/dev/sphinx/hyp.trn --json",
                "  rescore @tuned.args --kn kn5.bin --in lattices/ --out out      # weights written by 'tune --params tuned.args'",
                "  rescore --kn kn5.bin --in lattices.list --out out --lmscale 12 --wip -1 --history-order 3",
                "  rescore --kn kn5.bin --in nbest/ --out out --mode nbest --first-pass-weight 0.3",
                "  rescore --rnn a.bin,b.bin,c.bin --kn kn5.bin --in ../shared/lattices/ami --out out --lmscale 14 --lowercase"})
public final class RescoreCommand implements Callable<Integer> {
    /** The name its output folders' summary.json carries (RunFolder). */
    static final String COMMAND = "rescore";
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--in", required = true, paramLabel = "DIR_OR_LIST",
            description = "A folder of lattice / N-best files, a list file of paths, or one file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--ref", paramLabel = "TRN", description = "Reference transcripts: print WER before/after and oracle WER.")
    Path ref;

    @Option(names = "--baseline", paramLabel = "TRN",
            description = "The first pass's own 1-best (e.g. Sphinx hyp.trn) for 'before'; default: the input's best path.")
    Path baseline;

    @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
    boolean json;

    @Option(names = "--lmscale", paramLabel = "X", defaultValue = "" + ScoreWeights.DEFAULT_LM_SCALE,
            description = "Weight of ln P (default ${DEFAULT-VALUE}: untuned and cautious, with --first-pass-weight; run 'tune').")
    double lmScale;

    @Option(names = "--wip", paramLabel = "Y", defaultValue = "0",
            description = "Word insertion penalty per word, natural log (default ${DEFAULT-VALUE}; Sphinx's is already in its acoustic scores).")
    double wip;

    @Option(names = "--acscale", paramLabel = "X", defaultValue = "1", description = "Weight of the acoustic score (default ${DEFAULT-VALUE}).")
    double acScale;

    @Option(names = "--first-pass-weight", paramLabel = "W", defaultValue = "" + ScoreWeights.DEFAULT_FIRST_PASS_WEIGHT,
            description = "Weight of the first-pass LM score carried by the input, joined log-linearly (0 leaves it out; "
                    + "default ${DEFAULT-VALUE}: untuned, keeps most of the decoder's LM).")
    double firstPassWeight;

    @Mixin
    WordScoringOptions words;

    @Option(names = "--history-order", paramLabel = "N", defaultValue = "4",
            description = "Lattice expansion: paths sharing their last N-1 words share an LM state (default ${DEFAULT-VALUE}).")
    int historyOrder;

    @Option(names = "--beam", paramLabel = "B", defaultValue = "500",
            description = "Lattice expansion: drop a node's histories scoring more than B (natural log) below its best (default ${DEFAULT-VALUE}).")
    double beam;

    @Option(names = "--max-histories", paramLabel = "H", defaultValue = "100",
            description = "Lattice expansion: most histories kept per lattice node (default ${DEFAULT-VALUE}).")
    int maxHistories;

    @Option(names = "--prune-beam", paramLabel = "B", defaultValue = "" + RescoreSettings.DEFAULT_PRUNE_BEAM,
            description = "Before rescoring, drop lattice arcs whose best path is more than B (natural log, first-pass scores) "
                    + "below the lattice's best, as Kaldi's lattice-prune (default ${DEFAULT-VALUE}; Infinity: none).")
    double pruneBeam;

    @Mixin
    InputFormatOption input;

    @Option(names = "--decode", paramLabel = "HOW", defaultValue = "viterbi",
            description = "viterbi: the best-scoring path or hypothesis; mbr (or consensus): minimum-Bayes-risk decoding, the "
                    + "hypothesis with the fewest expected word errors: for lattices by Xu et al.'s edit-distance recursion from "
                    + "the best path, as Kaldi's lattice-mbr-decode; for N-best lists the consensus of the list aligned to "
                    + "its best, as ROVER; best.trn is then the MBR 1-best and viterbi.trn the Viterbi one (default: "
                    + "${DEFAULT-VALUE}).")
    String decode;

    @Option(names = "--posterior-scale", paramLabel = "S", defaultValue = "0",
            description = "Scale of the totals in posteriors: the confusion network, --decode mbr, the ctm's confidences and "
                    + "the rescored lattices' p= (default: 0, meaning 1 / lmscale).")
    double posteriorScale;

    @Option(names = "--confidence-map", paramLabel = "SLOPE,OFFSET", defaultValue = "1,0",
            description = "The ctm's confidence of a word of posterior p: sigmoid(SLOPE x logit(p) + OFFSET), the calibration "
                    + "tune fits and writes to --params (default ${DEFAULT-VALUE}: the posterior itself).")
    String confidenceMap;

    @Option(names = "--meshes", description = "Also write each utterance's confusion network to meshes/ID.mesh (SRILM's mesh format) and its "
            + "word-posterior N-best to meshes/ID.nbest ('ln-posterior words...' lines).")
    boolean meshes;

    @Option(names = "--max-expanded-arcs", paramLabel = "N", defaultValue = "" + LatticeRescorer.DEFAULT_MAX_ARCS,
            description = "Memory budget of one lattice's expansion, in arcs (default ${DEFAULT-VALUE}). A lattice past it is "
                    + "expanded again with --prune-beam 50 --beam 50 --max-histories 10, and past that rescored as its N-best "
                    + "list; the summary names those utterances.")
    long maxExpandedArcs;

    @Option(names = "--nbest", paramLabel = "K", defaultValue = "100",
            description = "Rescored N-best lists written per utterance; with --mode nbest, the paths taken from each lattice (default ${DEFAULT-VALUE}).")
    int nbest;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "lattice",
            description = "Lattices: 'lattice' (history expansion) or 'nbest' (rescore their K best paths). N-best inputs are always lists.")
    String mode;

    @Option(names = "--no-lattices", description = "Do not write the rescored lattices.")
    boolean noLattices;

    @Option(names = "--strict", description = "Stop at the first file that fails (default: report it and go on).")
    boolean strict;

    @Option(names = "--dynamic", paramLabel = "RATE", defaultValue = "0",
            description = "Dynamic rescoring: after each utterance (in input order, one at a time) the RNNs take SGD steps "
                    + "at this learning rate on its rescored 1-best, as the paper's dynamic rows (e.g. 0.1; default 0: static).")
    double dynamicRate;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    /** Says so when the score weights are the untuned defaults, which are only a cautious start. */
    private void noteUntunedWeights() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : new String[] {"--lmscale", "--wip", "--first-pass-weight"}) {
            if (parsed.hasMatchedOption(option)) {
                return;
            }
        }
        Log.always("note: untuned score weights (--lmscale %s --first-pass-weight %s --wip %s, a cautious default); "
                + "'tune' fits them to your lattices and writes them for 'rescore @FILE'", lmScale, firstPassWeight, wip);
    }

    /** How the files are rescored: on this JVM's threads by default; {@code SparkRescore} runs them on a cluster. */
    public interface Runner {
        /** The files {@code --in} names ({@code raw}: as given). */
        default List<Path> inputs(RescoreCommand job, String raw) {
            return InputFiles.resolve(job.in);
        }

        /** Rescores {@code files} (those of {@link #inputs}) as {@code job} (prepared) says. */
        Rescored rescore(RescoreCommand job, List<Path> files);
    }

    /** The outcome, and the words the models could not score over the run. */
    public record Rescored(BatchRescorer.Outcome outcome, long oovs) {
    }

    private final Runner runner;

    // what prepare() builds from the options
    private ScoreWeights weights;
    private RescoreSettings settings;
    private ConfidenceMap confidences;
    private ReadOptions reading;
    private Map<String, List<String>> references;

    public RescoreCommand() {
        this(RescoreCommand::rescoreHere);
    }

    public RescoreCommand(Runner runner) {
        this.runner = runner;
    }

    /** Checks the options and builds the settings from them; every caller of the accessors below does this first. */
    public void prepare() {
        if (dynamicRate < 0) {
            throw new InputFormatException("--dynamic must be a learning rate >= 0 (0: static), not " + dynamicRate);
        }
        if (!mode.equals("lattice") && !mode.equals("nbest")) {
            throw new InputFormatException("--mode must be 'lattice' or 'nbest', not '" + mode + "'");
        }
        try {
            weights = new ScoreWeights(acScale, lmScale, wip, firstPassWeight, words.scoreFillers, words.oovLogProb);
            settings = new RescoreSettings(weights, historyOrder, beam, maxHistories, nbest, mode.equals("nbest"), pruneBeam,
                    maxExpandedArcs, posteriorScale, Decode.parse(decode).consensus());
            confidences = ConfidenceMap.parse(confidenceMap);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
        reading = input.reading();
        references = ref == null ? null : RunSummary.readReferences(ref);
    }

    /** The models of the options, loaded. */
    public LanguageModel languageModel() {
        return model.languageModel();
    }

    /** A scorer of {@code lm} at the options' weights. */
    public Scorer scorer(LanguageModel lm) {
        return new Scorer(lm, weights, words.lowercase);
    }

    /** The rescorer of one utterance at a time, as the options say, writing rescored lattices unless --no-lattices. */
    public UtteranceRescorer utteranceRescorer(Scorer scorer) {
        Path latticeDir = noLattices ? null : out.resolve(OutputFiles.LATTICES);
        return new UtteranceRescorer(scorer, settings, latticeDir, references, reading.words());
    }

    public ReadOptions reading() {
        return reading;
    }

    public boolean strict() {
        return strict;
    }

    /** Whether --dynamic asks for dynamic rescoring, which takes the utterances one at a time, in order. */
    public boolean dynamic() {
        return dynamicRate > 0;
    }

    /** The default runner: the files on this JVM's --threads (one at a time, in order, when dynamic). */
    private static Rescored rescoreHere(RescoreCommand job, List<Path> files) {
        LanguageModel lm = job.languageModel();
        Scorer scorer = job.scorer(lm);
        UtteranceRescorer rescorer = job.utteranceRescorer(scorer);
        Log.info("rescoring %d files with %d threads", files.size(), job.threads);
        AdaptationHook adaptation = job.dynamic() ? DynamicAdaptation.of(lm, job.dynamicRate) : null;
        BatchRescorer.Outcome outcome = BatchRescorer.run(files, job.reading, rescorer, job.threads, job.strict, adaptation);
        return new Rescored(outcome, scorer.oovCount());
    }

    @Override
    public Integer call() {
        prepare();
        noteUntunedWeights();
        List<Path> files = runner.inputs(this, spec.commandLine().getParseResult().matchedOption("--in").stringValues().get(0));
        List<Path> inputs = new java.util.ArrayList<>(files);
        inputs.addAll(java.util.Arrays.asList(in, ref, baseline));
        inputs.addAll(model.inputFiles());
        inputs.addAll(input.files());
        OutputGuard.refuseFolderHolding(out, inputs);
        RunFolder.claim(out, COMMAND, OutputFiles::owns);
        Rescored rescored = runner.rescore(this, files);
        BatchRescorer.Outcome outcome = rescored.outcome();
        OutputFiles.write(out, outcome.results(), weights, meshes, confidences, reading.words());
        RunSummary summary = RunSummary.of(outcome, rescored.oovs(), ref, baseline);
        Json j = summary.toJson();
        Json manifest = summary.toJson().put("command", COMMAND).put("files", RunFolder.files(out, OutputFiles::owns));
        AtomicOutput.writeString(out.resolve(RunFolder.SUMMARY), manifest + "\n");
        PrintWriter stdout = new PrintWriter(System.out, false);
        stdout.println(summary.format());
        if (json) {
            stdout.println(j);
        }
        stdout.flush();
        if (outcome.results().isEmpty() && !outcome.failures().isEmpty()) {
            return Main.EXIT_BAD_INPUT;  // nothing rescored: every file failed
        }
        return outcome.failures().isEmpty() ? 0 : Main.EXIT_SOME_SKIPPED;
    }
}
