package org.lmrescore.lattice;

/**
 * What a lattice or N-best token is to the language model. Decoders write three kinds of
 * tokens: words; sentence boundaries and empty labels ({@code <s>}, {@code </s>},
 * {@code !SENT_START}, {@code !SENT_END}, {@code !NULL}), which the LM adds itself; and fillers
 * (silence, noise: {@code <sil>}, {@code [NOISE]}, {@code ++BREATH++}), which transcripts drop
 * and the LM skips unless asked to score them.
 */
public final class Tokens {
    /** The label SLF uses for a node or link without a word. */
    public static final String NULL = "!NULL";

    private Tokens() {
    }

    /** A sentence boundary or an empty label: never a word, never scored. */
    public static boolean isBoundary(String token) {
        return token.equals(NULL) || token.equals("<s>") || token.equals("</s>")
                || token.equals("!SENT_START") || token.equals("!SENT_END");
    }

    /** Silence and noise tokens: {@code <...>} (except {@code <unk>}), {@code [...]}, {@code ++...++}. */
    public static boolean isFiller(String token) {
        int n = token.length();
        if (n < 2 || isBoundary(token)) {
            return false;
        }
        char first = token.charAt(0);
        char last = token.charAt(n - 1);
        if (first == '<' && last == '>') {
            return !token.equals("<unk>") && !token.equals("<UNK>");
        }
        return (first == '[' && last == ']') || (n > 4 && token.startsWith("++") && token.endsWith("++"));
    }

    /** A token that belongs in a transcript: neither a boundary nor a filler. */
    public static boolean isWord(String token) {
        return !isBoundary(token) && !isFiller(token);
    }
}
