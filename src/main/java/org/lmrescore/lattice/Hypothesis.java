package org.lmrescore.lattice;

import java.util.List;

/**
 * One recognition hypothesis of an N-best list or a lattice path: its tokens (fillers and
 * boundaries may be among them), its acoustic score and the first-pass LM score as the decoder
 * weighted it (natural logs; 0 when the input has none), and word times in seconds when known
 * ({@code begin}/{@code end} null or NaN entries otherwise, one per token).
 */
public record Hypothesis(List<String> tokens, double acoustic, double firstPassLm, double[] begin, double[] end)
        implements java.io.Serializable {

    public Hypothesis {
        tokens = List.copyOf(tokens);
    }

    public static Hypothesis of(List<String> tokens, double acoustic, double firstPassLm) {
        return new Hypothesis(tokens, acoustic, firstPassLm, null, null);
    }

    /** The transcript words: tokens without fillers and boundaries. */
    public List<String> words() {
        return tokens.stream().filter(Tokens::isWord).toList();
    }

    public boolean hasTimes() {
        return begin != null;
    }
}
