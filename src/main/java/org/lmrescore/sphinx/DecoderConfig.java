package org.lmrescore.sphinx;

import org.lmrescore.lm.ngram.BinaryFormat;
import org.lmrescore.lm.ngram.SphinxTrieModel;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a Sphinx4 recogniser is built from: models and the search parameters users tune.
 * Defaults are those of Sphinx4's own {@code default.config.xml} and its bundled en-us models,
 * except two choices for decoding whole files: the end-silence limit, raised so that one audio
 * file gives one result (one lattice), and batch cepstral mean normalisation (the file's own mean;
 * Sphinx's live running mean, restarted for every file, estimates it from the first frames only
 * and measured 1.2% absolute worse WER on 60 dev utterances).
 * Paths are file paths or Sphinx {@code resource:} locations.
 */
public final class DecoderConfig {
    public static final String DEFAULT_ACOUSTIC_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
    public static final String DEFAULT_DICTIONARY = "resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    public static final String DEFAULT_LANGUAGE_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us.lm.bin";
    /** The only sample rate the en-us acoustic model was trained on. */
    public static final int SAMPLE_RATE = 16000;

    String acousticModel = DEFAULT_ACOUSTIC_MODEL;
    String dictionary = DEFAULT_DICTIONARY;
    String languageModel = DEFAULT_LANGUAGE_MODEL;
    int absoluteBeam = 20000;
    double relativeBeam = 1e-60;
    int absoluteWordBeam = 200;
    double relativeWordBeam = 1e-40;
    double languageWeight = 8.0;
    double wordInsertionProbability = 0.1;
    double silenceInsertionProbability = 0.1;
    double fillerInsertionProbability = 1e-2;
    /** Cepstral mean normalisation over the whole file instead of Sphinx's live running mean. */
    boolean batchCmn = true;
    /** Sphinx splits at 200 ms pauses by default; a day of silence keeps a file in one piece. */
    int endSilenceMs = 86_400_000;

    public DecoderConfig() {
    }

    public DecoderConfig acousticModel(String location) {
        acousticModel = location;
        return this;
    }

    public DecoderConfig dictionary(String location) {
        dictionary = location;
        return this;
    }

    /**
     * The first-pass LM: Sphinx binary ({@code .bin}, {@code .dmp}) or ARPA text. Sphinx picks its
     * loader by file name and reads ARPA only from names ending in {@code .lm}; an ARPA file under
     * another name is given to it through a {@code .lm} symbolic link (see {@link #sphinxLanguageModelPath}).
     */
    public DecoderConfig languageModel(String location) {
        languageModel = location;
        return this;
    }

    public DecoderConfig absoluteBeam(int beam) {
        absoluteBeam = positive(beam, "absolute beam");
        return this;
    }

    public DecoderConfig relativeBeam(double beam) {
        relativeBeam = probability(beam, "relative beam");
        return this;
    }

    public DecoderConfig absoluteWordBeam(int beam) {
        absoluteWordBeam = positive(beam, "absolute word beam");
        return this;
    }

    public DecoderConfig relativeWordBeam(double beam) {
        relativeWordBeam = probability(beam, "relative word beam");
        return this;
    }

    public DecoderConfig languageWeight(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new InputFormatException("language weight must be a positive number, got " + weight);
        }
        languageWeight = weight;
        return this;
    }

    public DecoderConfig wordInsertionProbability(double p) {
        wordInsertionProbability = probability(p, "word insertion probability");
        return this;
    }

    public DecoderConfig silenceInsertionProbability(double p) {
        silenceInsertionProbability = probability(p, "silence insertion probability");
        return this;
    }

    public DecoderConfig fillerInsertionProbability(double p) {
        fillerInsertionProbability = probability(p, "filler insertion probability");
        return this;
    }

    /**
     * Batch CMN subtracts the file's own mean cepstrum; live CMN (Sphinx's default) a running mean
     * estimated from the first frames, reset for every file here (see {@link FrontEndReset}).
     */
    public DecoderConfig batchCmn(boolean on) {
        batchCmn = on;
        return this;
    }

    public DecoderConfig endSilenceMs(int ms) {
        endSilenceMs = positive(ms, "end silence");
        return this;
    }

    public String acousticModel() {
        return acousticModel;
    }

    public String dictionary() {
        return dictionary;
    }

    public String languageModel() {
        return languageModel;
    }

    public double languageWeight() {
        return languageWeight;
    }

    public double wordInsertionProbability() {
        return wordInsertionProbability;
    }

    public double silenceInsertionProbability() {
        return silenceInsertionProbability;
    }

    public double fillerInsertionProbability() {
        return fillerInsertionProbability;
    }

    public int absoluteBeam() {
        return absoluteBeam;
    }

    public double relativeBeam() {
        return relativeBeam;
    }

    /** Fails early, with the file named, on models Sphinx would reject with a stack trace. */
    public void validate() {
        for (String location : new String[] {acousticModel, dictionary, languageModel}) {
            if (!location.startsWith("resource:") && !Files.exists(Path.of(location))) {
                throw new InputFormatException(Path.of(location), 0, "not found");
            }
        }
        sphinxLanguageModelPath();
    }

    /**
     * The LM location as Sphinx must see it: binary and {@code .lm} names as given; an ARPA file with
     * another name through a {@code .lm} symbolic link in a temporary folder; anything else refused.
     */
    String sphinxLanguageModelPath() {
        String lower = languageModel.toLowerCase(Locale.ROOT);
        if (languageModel.startsWith("resource:") || lower.endsWith(".lm") || lower.endsWith(".dmp")) {
            return languageModel;
        }
        Path file = Path.of(languageModel);
        if (lower.endsWith(".bin") && SphinxTrieModel.isSphinxTrie(file)) {
            return languageModel;
        }
        if (BinaryFormat.isBinary(file)) {
            throw new InputFormatException(file, 0, "this is lmrescore's own binary LM format, which Sphinx4 cannot read: "
                    + "give the ARPA file it was built from (or a Sphinx binary LM)");
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InputFormatException(file, 0, "cannot read: " + e.getMessage());
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            throw new InputFormatException(file, 0, "Sphinx4 cannot read a gzipped LM: decompress it first");
        }
        if (!new String(head, 0, n, StandardCharsets.ISO_8859_1).stripLeading().startsWith("\\data\\")) {
            throw new InputFormatException(file, 1, "expected an ARPA LM (\\data\\) or a Sphinx binary LM (.bin, .dmp)");
        }
        try {
            Path dir = Files.createTempDirectory("lmrescore-lm");
            Path link = dir.resolve(file.getFileName() + ".lm");
            Files.createSymbolicLink(link, file.toAbsolutePath());
            link.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return link.toString();
        } catch (IOException e) {
            throw new InputFormatException(file, 0, "cannot link as .lm for Sphinx4: " + e.getMessage());
        }
    }

    /** One line for logs and file headers. */
    public String describe() {
        return String.format(Locale.ROOT,
                "am=%s dict=%s lm=%s lw=%s wip=%s sip=%s fip=%s beam=%d rbeam=%s wbeam=%d rwbeam=%s cmn=%s",
                acousticModel, dictionary, languageModel, languageWeight, wordInsertionProbability,
                silenceInsertionProbability, fillerInsertionProbability, absoluteBeam, relativeBeam,
                absoluteWordBeam, relativeWordBeam, batchCmn ? "batch" : "live");
    }

    private static int positive(int value, String what) {
        if (value <= 0) {
            throw new InputFormatException(what + " must be positive, got " + value);
        }
        return value;
    }

    private static double probability(double p, String what) {
        if (!(p > 0 && p <= 1)) {
            throw new InputFormatException(what + " must be in (0, 1], got " + p);
        }
        return p;
    }
}
