package org.lmrescore.sphinx;

/** A recognised word with its start and end time in seconds from the start of the file. */
public record TimedWord(String word, double start, double end) {
    public double duration() {
        return end - start;
    }
}
