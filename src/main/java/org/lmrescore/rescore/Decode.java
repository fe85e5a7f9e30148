package org.lmrescore.rescore;

import org.lmrescore.util.InputFormatException;

import java.util.Locale;

/** How the rescored output is decoded: {@code --decode viterbi|mbr} of {@code rescore} and {@code tune}. */
public enum Decode {
    /** The best-scoring path or hypothesis. */
    VITERBI,
    /** Minimum-Bayes-risk: the consensus of the confusion network ({@code mbr}, or by its older name {@code consensus}). */
    MBR;

    /** The value of {@code --decode}; a clear error for any other. */
    public static Decode parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "viterbi" -> VITERBI;
            case "mbr", "consensus" -> MBR;
            default -> throw new InputFormatException("--decode must be 'viterbi' or 'mbr' (also called 'consensus'), not '"
                    + value + "'");
        };
    }

    public boolean consensus() {
        return this == MBR;
    }
}
