package org.lmrescore.sphinx;

import java.nio.file.Path;

/** One recording to decode: its id (names the output files) and its audio file. */
public record Utterance(String id, Path audio) {
    /** The id a file gets when none is given: its name without the extension. */
    public static String idOf(Path audio) {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
