package org.lmrescore.lm.ngram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One training line as word ids the way lmplz counts it: order-1 {@code <s>} in front, the
 * tokens (split on spaces and tabs, nothing else changed), {@code </s>} at the end. Literal
 * {@code <s>} and {@code </s>} tokens are ignored, and {@code <unk>} too unless a word list makes
 * it a real word. The id array is reused from line to line.
 */
final class PaddedSentence {
    private final int padding;
    private int[] ids;
    private int length;
    private int words;

    PaddedSentence(int order) {
        this.padding = order - 1;
        this.ids = new int[order + 64];
    }

    /** Reads {@code line}; returns the number of words (without padding and {@code </s>}). */
    int read(String line, TrainingVocabulary vocab) {
        Arrays.fill(ids, 0, padding, TrainingVocabulary.BOS);
        length = padding;
        words = 0;
        forEachCounted(line, vocab.fixed(), token -> {
            append(vocab.id(token));
            words++;
        });
        append(TrainingVocabulary.EOS);
        return words;
    }

    /**
     * Whether a token of the text is counted as a word: literal {@code <s>} and {@code </s>} never,
     * {@code <unk>} only when a fixed word list makes it one.
     */
    static boolean counted(String token, boolean fixedVocabulary) {
        return !(token.equals("<s>") || token.equals("</s>") || (token.equals("<unk>") && !fixedVocabulary));
    }

    /** The counted tokens of a line, in order, as {@link #read} takes them. */
    static List<String> countedTokens(String line, boolean fixedVocabulary) {
        List<String> out = new ArrayList<>();
        forEachCounted(line, fixedVocabulary, out::add);
        return out;
    }

    /** The one split of a training line: tokens between spaces and tabs, those {@link #counted} only. */
    private static void forEachCounted(String line, boolean fixedVocabulary, Consumer<String> each) {
        int pos = 0;
        int end = line.length();
        while (pos < end) {
            while (pos < end && isSpace(line.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < end && !isSpace(line.charAt(pos))) {
                pos++;
            }
            if (start < pos) {
                String token = line.substring(start, pos);
                if (counted(token, fixedVocabulary)) {
                    each.accept(token);
                }
            }
        }
    }

    /** The ids, padding included; valid up to {@link #length()}. */
    int[] ids() {
        return ids;
    }

    int length() {
        return length;
    }

    private void append(int id) {
        if (length == ids.length) {
            ids = Arrays.copyOf(ids, length * 2);
        }
        ids[length++] = id;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
