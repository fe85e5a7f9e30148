package org.lmrescore.sphinx;

import edu.cmu.sphinx.frontend.util.StreamDataSource;
import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.linguist.dictionary.Word;
import edu.cmu.sphinx.linguist.language.ngram.LanguageModel;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Lattice;
import edu.cmu.sphinx.result.LatticeOptimizer;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.result.WordResult;
import edu.cmu.sphinx.util.Utilities;
import edu.cmu.sphinx.util.props.ConfigurationManager;
import edu.cmu.sphinx.util.props.ConfigurationManagerUtils;
import edu.cmu.sphinx.util.props.PropertySheet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Sphinx4 recogniser, built and allocated once and then fed utterance after utterance (Sphinx's
 * {@code StreamSpeechRecognizer} reloads the LM and rebuilds the search tree for every stream).
 * All parameters are set on the configuration before any component exists: changing a global
 * property of a live configuration re-configures the front end mid-stream. Not thread-safe: use one
 * per thread (the LM's caches and the search are per instance).
 */
public final class SphinxRecognizer implements AutoCloseable {
    private static final String CONFIG = "resource:/edu/cmu/sphinx/api/default.config.xml";
    private static final Object CONFIG_LOCK = new Object();

    private final DecoderConfig config;
    private final Recognizer recognizer;
    private final StreamDataSource source;
    private final LanguageModel languageModel;
    private final Dictionary dictionary;
    private final FrontEndReset frontEndReset;

    private SphinxRecognizer(DecoderConfig config, Recognizer recognizer, StreamDataSource source,
                             LanguageModel languageModel, Dictionary dictionary, FrontEndReset frontEndReset) {
        this.config = config;
        this.frontEndReset = frontEndReset;
        this.recognizer = recognizer;
        this.source = source;
        this.languageModel = languageModel;
        this.dictionary = dictionary;
    }

    /** Loads the models and allocates the search (seconds, and about 1-2 GB of heap). */
    public static SphinxRecognizer create(DecoderConfig config) {
        config.validate();
        ConfigurationManager cm;
        String lmComponent;
        synchronized (CONFIG_LOCK) { // a new manager resets Sphinx's shared logger: redo it atomically
            try {
                cm = new ConfigurationManager(ConfigurationManagerUtils.resourceToURL(CONFIG));
            } catch (IOException e) {
                throw new IllegalStateException("Sphinx4 default configuration not found on the class path", e);
            }
            SphinxLogging.apply(cm);
            lmComponent = configure(cm, config);
        }
        Recognizer recognizer = cm.lookup("recognizer");
        recognizer.allocate();
        return new SphinxRecognizer(config, recognizer, cm.lookup("dataSource"),
                cm.lookup(lmComponent), cm.lookup("dictionary"),
                new FrontEndReset(cm.lookup("liveFrontEnd"), config.batchCmn ? null : cm.lookup("liveCMN")));
    }

    /** Writes every parameter into the not-yet-instantiated configuration; returns the LM's component name. */
    private static String configure(ConfigurationManager cm, DecoderConfig c) {
        cm.setGlobalProperty("absoluteBeamWidth", Integer.toString(c.absoluteBeam));
        cm.setGlobalProperty("relativeBeamWidth", number(c.relativeBeam));
        cm.setGlobalProperty("absoluteWordBeamWidth", Integer.toString(c.absoluteWordBeam));
        cm.setGlobalProperty("relativeWordBeamWidth", number(c.relativeWordBeam));
        cm.setGlobalProperty("languageWeight", number(c.languageWeight));
        cm.setGlobalProperty("wordInsertionProbability", number(c.wordInsertionProbability));
        cm.setGlobalProperty("silenceInsertionProbability", number(c.silenceInsertionProbability));
        cm.setGlobalProperty("fillerInsertionProbability", number(c.fillerInsertionProbability));
        set(cm, "acousticModelLoader->location", c.acousticModel);
        set(cm, "dictionary->fillerPath", Utilities.pathJoin(c.acousticModel, "noisedict"));
        set(cm, "dictionary->dictionaryPath", c.dictionary);
        set(cm, "dataSource->sampleRate", Integer.toString(DecoderConfig.SAMPLE_RATE));
        set(cm, "speechMarker->endSilence", Integer.toString(c.endSilenceMs));
        if (c.batchCmn) {
            set(cm, "liveFrontEnd->pipeline", "dataSource;dataBlocker;speechClassifier;speechMarker;preemphasizer;"
                    + "windower;fft;autoCepstrum;batchCMN;featureExtraction;featureTransform");
        }
        // The speed and memory monitors print reports on stdout; the decode command measures itself.
        PropertySheet recognizer = cm.getPropertySheet("recognizer");
        recognizer.setComponentList("monitors", new ArrayList<>(), new ArrayList<>());
        String lm = c.sphinxLanguageModelPath();
        String lower = lm.toLowerCase(Locale.ROOT);
        String component = lower.endsWith(".lm") ? "simpleNGramModel"
                : lower.endsWith(".dmp") ? "largeTrigramModel" : "trieNgramModel";
        set(cm, component + "->location", lm);
        set(cm, "lexTreeLinguist->languageModel", component);
        return component;
    }

    private static void set(ConfigurationManager cm, String property, String value) {
        ConfigurationManagerUtils.setProperty(cm, property, value);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Decodes one utterance. Returns null when Sphinx finds no speech in it (silence, noise only).
     * Timings count only this call.
     */
    public Decoding decode(String uttid, Audio audio) {
        long t0 = System.nanoTime();
        frontEndReset.reset();
        source.setInputStream(new ByteArrayInputStream(audio.littleEndianBytes()));
        List<Result> results = new ArrayList<>();
        Result r;
        while ((r = recognizer.recognize()) != null) {
            results.add(r);
        }
        Result result = null;
        for (Result candidate : results) { // normally one: the end-silence limit keeps the file whole
            if (candidate.getBestToken() != null && (result == null || !candidate.getBestResultNoFiller().isEmpty())) {
                result = candidate;
            }
        }
        if (result == null) {
            return null;
        }
        if (results.size() > 1) {
            throw new IllegalStateException(uttid + ": Sphinx split the audio into " + results.size()
                    + " segments despite the end-silence limit");
        }
        Lattice lattice = new Lattice(result);
        new LatticeOptimizer(lattice).optimize();
        List<TimedWord> words = new ArrayList<>();
        for (WordResult w : result.getTimedBestResult(false)) {
            Word word = w.getWord();
            if (word.isFiller() || word.isSentenceStartWord() || word.isSentenceEndWord()) {
                continue;
            }
            words.add(new TimedWord(word.getSpelling(), w.getTimeFrame().getStart() / 1000.0,
                    w.getTimeFrame().getEnd() / 1000.0));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Decoding(uttid, result, lattice, List.copyOf(words), audio.seconds(), secs);
    }

    /** The first-pass LM the search used (Sphinx's; log base 1.0001 scores). For this thread only. */
    public LanguageModel languageModel() {
        return languageModel;
    }

    /** The first-pass LM with the language weight the search applied, for honest lattice scores. */
    public FirstPassLm firstPassLm() {
        return new FirstPassLm(languageModel, config.languageWeight);
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    public DecoderConfig config() {
        return config;
    }

    /** LM words the dictionary cannot pronounce (computed on demand: scans the LM vocabulary). */
    public List<String> missingWords() {
        return MissingWords.find(languageModel, dictionary);
    }

    @Override
    public void close() {
        recognizer.deallocate();
    }

}
