package org.lmrescore.sphinx;

import edu.cmu.sphinx.api.SpeechResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.SlfReader;
import org.lmrescore.lattice.SphinxLatReader;
import org.lmrescore.lattice.TsvNBest;
import org.lmrescore.lm.ngram.NgramModels;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real speech decoded by Sphinx4, converted, written and rescored in process. The independent
 * expectation is Sphinx's own search: its best token's score and words.
 */
class SphinxRescorerTest {
    private static final String[] UTTS = {"arctic_b0003_1592701239", "arctic_b0001_1592701278"};
    private static SphinxRecognizer recognizer;
    private static final java.util.Map<String, Decoding> DECODED = new java.util.HashMap<>();

    @TempDir
    Path out;

    @BeforeAll
    static void load() {
        SharedData.require("speech/dev/wav/" + UTTS[0] + ".wav");
        recognizer = SphinxRecognizer.create(new DecoderConfig().absoluteBeam(5000));
        for (String utt : UTTS) {
            DECODED.put(utt, recognizer.decode(utt, Audio.read(SharedData.require("speech/dev/wav/" + utt + ".wav"))));
        }
    }

    @AfterAll
    static void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static Decoding decode(String utt) {
        return DECODED.get(utt);
    }

    @Test
    void honestLatticeScoresReproduceSphinxsBestPathAndSurviveTheFiles() {
        for (String utt : UTTS) {
            Decoding d = decode(utt);
            Lattice lattice = SphinxLatticeConverter.convert(utt, d.lattice(), recognizer.firstPassLm(), 100_000);
            LatticePath best = KBestPaths.best(lattice);
            assertEquals(d.hypothesis(), String.join(" ", best.words()), utt);
            // the recomputed LM scores give Sphinx's path exactly the score its search gave it
            double sphinxScore = SphinxLatticeConverter.toLn(d.result().getBestToken().getScore());
            assertEquals(sphinxScore, best.score(), 0.5, utt);

            new UtteranceOutputs(false, 10).write(recognizer, d, out);
            Lattice slf = SlfReader.read(out.resolve(utt + ".slf"));
            LatticePath slfBest = KBestPaths.best(slf);
            assertEquals(best.words(), slfBest.words());
            assertEquals(best.score(), slfBest.score(), 1e-6);
            assertEquals(8, slf.header().lmScale());

            Lattice lat = SphinxLatReader.read(out.resolve(utt + ".lat"));
            assertEquals(d.lattice().getEdges().size(), lat.arcCount());

            NBestList nbest = TsvNBest.read(out.resolve(utt + ".nbest")).get(0);
            assertEquals(utt, nbest.id());
            assertEquals(best.words(), nbest.hypotheses().get(0).words());
            assertTrue(nbest.hypotheses().size() > 1 && nbest.hypotheses().size() <= 10);
            double previous = Double.POSITIVE_INFINITY;
            for (Hypothesis h : nbest.hypotheses()) {
                double total = h.acoustic() + h.firstPassLm();
                assertTrue(total <= previous + 1e-6);
                previous = total;
            }
        }
    }

    @Test
    void rescoresASphinxResultInProcess() {
        // the same trigram as Sphinx's first pass, read by this project: rescoring at Sphinx's
        // language weight must agree with the first pass's own choice
        SphinxRescorer rescorer = new SphinxRescorer(
                NgramModels.loadAny("classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin"), ScoreWeights.of(8, 0));
        for (String utt : UTTS) {
            Decoding d = decode(utt);
            SphinxRescorer.Rescored r = rescorer.rescore(utt, d.result(), 8);
            assertEquals(d.hypothesis(), r.transcript(), utt);
            // through Sphinx's high-level API result, as a StreamSpeechRecognizer loop gets it
            assertEquals(d.hypothesis(), rescorer.rescore(utt, new SpeechResult(d.result()), 8).transcript(), utt);
            double lastEnd = 0;
            for (TimedWord w : r.words()) {
                assertTrue(w.start() >= lastEnd - 1e-9 && w.end() > w.start(), w.toString());
                lastEnd = w.end();
            }
            // and give it the score Sphinx's search gave it (the two readers of en-us.lm.bin agree)
            assertEquals(SphinxLatticeConverter.toLn(d.result().getBestToken().getScore()), r.best().total(), 0.5, utt);
        }
    }
}
