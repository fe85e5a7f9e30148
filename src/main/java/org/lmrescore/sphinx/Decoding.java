package org.lmrescore.sphinx;

import edu.cmu.sphinx.result.Lattice;
import edu.cmu.sphinx.result.Result;

import java.util.List;

/**
 * What the recogniser made of one utterance: Sphinx's result, its word lattice (after Sphinx's
 * lattice optimiser, as {@code SpeechResult} builds it), the 1-best words with times, and timing.
 */
public record Decoding(String uttid, Result result, Lattice lattice, List<TimedWord> words,
                       double audioSeconds, double decodeSeconds) {
    /** The 1-best word string without fillers, as Sphinx reports it. */
    public String hypothesis() {
        StringBuilder sb = new StringBuilder();
        for (TimedWord w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.word());
        }
        return sb.toString();
    }
}
