package org.lmrescore.cli;

import org.lmrescore.sphinx.DecodeJob;
import org.lmrescore.sphinx.DecodeSummary;
import org.lmrescore.sphinx.DecoderConfig;
import org.lmrescore.sphinx.UtteranceList;
import org.lmrescore.sphinx.UtteranceOutputs;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code decode}: audio to lattices and 1-best transcripts with Sphinx4. */
@Command(name = "decode",
        description = {
                "Decode 16 kHz mono WAV files with CMU Sphinx4 and write, per utterance, the lattice as Sphinx's own dump "
                        + "(<uttid>.lat) and as HTK SLF (<uttid>.slf: natural logs, lmscale = the language weight, l= the "
                        + "unweighted first-pass ln P recomputed per arc, a= including Sphinx's insertion penalties) and its "
                        + "N-best list (<uttid>.nbest); and hyp.trn (1-best, sclite trn), hyp.ctm (1-best with times) and summary.json.",
                "Other sample rates, sample sizes and stereo are converted. Utterance ids are the WAV file names.",
                "Defaults: Sphinx4's en-us acoustic model, cmudict-en-us.dict and en-us.lm.bin, and Sphinx's default search settings;"
                        + " one result per file (no split at pauses) and batch cepstral mean normalisation."},
        footer = {"", "Examples:",
                "  decode --in wavs/ --out lat/ --threads 2",
                "  decode --in list.tsv --out lat/ --beam 5000 --lm kn3.lm --dict my.dict --gzip",
                "",
                "A list file has one audio path per line, or 'uttid<TAB>path[<TAB>...]'; relative paths are relative to the list.",
                "Each thread holds its own recogniser: about 1 GB of heap at --beam 5000, 2 GB at the default beam."})
public final class DecodeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "DIR_OR_LIST", description = "Folder of .wav files, or a list file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--lm", paramLabel = "LM",
            description = "First-pass LM: ARPA text or Sphinx binary (.bin, .dmp). Default: Sphinx's en-us.lm.bin.")
    String lm = DecoderConfig.DEFAULT_LANGUAGE_MODEL;

    @Option(names = "--dict", paramLabel = "DICT", description = "Pronunciation dictionary. Default: Sphinx's cmudict-en-us.dict.")
    String dict = DecoderConfig.DEFAULT_DICTIONARY;

    @Option(names = "--am", paramLabel = "DIR", description = "Acoustic model folder. Default: Sphinx's en-us model.")
    String am = DecoderConfig.DEFAULT_ACOUSTIC_MODEL;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, one recogniser each (default: ${DEFAULT-VALUE}).")
    int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--beam", paramLabel = "N", description = "Absolute beam: most active states per frame (default: ${DEFAULT-VALUE}).")
    int beam = 20000;

    @Option(names = "--relative-beam", paramLabel = "P", description = "Relative beam (default: ${DEFAULT-VALUE}).")
    double relativeBeam = 1e-60;

    @Option(names = "--word-beam", paramLabel = "N", description = "Absolute word beam (default: ${DEFAULT-VALUE}).")
    int wordBeam = 200;

    @Option(names = "--relative-word-beam", paramLabel = "P", description = "Relative word beam (default: ${DEFAULT-VALUE}).")
    double relativeWordBeam = 1e-40;

    @Option(names = {"--lw", "--language-weight"}, paramLabel = "W", description = "Language weight (default: ${DEFAULT-VALUE}).")
    double languageWeight = 8.0;

    @Option(names = {"--wip", "--word-insertion-probability"}, paramLabel = "P",
            description = "Word insertion probability (default: ${DEFAULT-VALUE}).")
    double wip = 0.1;

    @Option(names = "--silence-insertion-probability", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    double sip = 0.1;

    @Option(names = "--filler-insertion-probability", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    double fip = 1e-2;

    @Option(names = "--cmn", paramLabel = "live|batch",
            description = "Cepstral mean normalisation: the file's own mean, or Sphinx's live running mean (restarted per file) (default: ${DEFAULT-VALUE}).")
    String cmn = "batch";

    @Option(names = "--nbest", paramLabel = "N", description = "Hypotheses per N-best list, 0 for none (default: ${DEFAULT-VALUE}).")
    int nbest = 100;

    @Option(names = "--gzip", description = "Compress the lattice files (.lat.gz, .slf.gz).")
    boolean gzip;

    @Option(names = "--json", description = "Print the summary as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        DecoderConfig config = new DecoderConfig()
                .acousticModel(am).dictionary(dict).languageModel(lm)
                .absoluteBeam(beam).relativeBeam(relativeBeam)
                .absoluteWordBeam(wordBeam).relativeWordBeam(relativeWordBeam)
                .languageWeight(languageWeight).wordInsertionProbability(wip)
                .silenceInsertionProbability(sip).fillerInsertionProbability(fip);
        if (!cmn.equals("live") && !cmn.equals("batch")) {
            throw new InputFormatException("--cmn must be live or batch, got " + cmn);
        }
        config.batchCmn(cmn.equals("batch"));
        if (nbest < 0) {
            throw new InputFormatException("--nbest must be 0 or more, got " + nbest);
        }
        var utterances = UtteranceList.read(in);
        DecodeSummary summary = new DecodeJob(config, out, threads, new UtteranceOutputs(gzip, nbest)).run(utterances);
        System.out.println(json ? summary.toJson() : summary.describe());
        if (summary.decoded() + summary.noSpeech() == 0) {
            return Main.EXIT_BAD_INPUT;
        }
        return summary.failures().isEmpty() ? 0 : Main.EXIT_SOME_SKIPPED;
    }
}
