package org.lmrescore.lattice;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the rnnlm toolkit's N-best input: {@code uttid w1 w2 ...} per line, no scores, the
 * lines of one utterance consecutive. Hypotheses get acoustic and first-pass scores 0, so only
 * the LM and the word penalty rank them.
 *
 * <p>This format has no header, so {@link InputFormat} falls back on it for any text it does not
 * recognise otherwise. Every line must therefore look like plain words: a token with a
 * structural character of another format ({@code = , ; " { }}, a trailing {@code :}, markup
 * {@code <...} other than a whole {@code <word>}) or a control character (a binary file) makes
 * the file an error naming the formats tried, instead of garbage transcripts. So does a first
 * token without a digit: utterance ids have one (a number, a speaker and a time, a corpus
 * index), the first word of plain text rarely does, so a text file is not taken for an N-best
 * list of one-word-id utterances.
 */
public final class RnnlmNBestReader {
    private RnnlmNBestReader() {
    }

    public static List<NBestList> read(Path file) {
        return read(file, true);
    }

    /** {@code checkTokens} false: the format was forced ({@code --input-format rnnlm-nbest}), tokens are taken as they are. */
    public static List<NBestList> read(Path file, boolean checkTokens) {
        try (TextInput in = TextInput.open(file)) {
            return read(in, checkTokens);
        }
    }

    public static List<NBestList> read(TextInput in) {
        return read(in, true);
    }

    private static List<NBestList> read(TextInput in, boolean checkTokens) {
        NBestGroups groups = new NBestGroups();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] f = trimmed.split("\\s+");
            for (String token : f) {
                if (checkTokens && !isPlainToken(token)) {
                    throw new InputFormatException(in.path(), in.lineNumber(), "not a recognised input format: token '"
                            + printable(token) + "' is not a word of an rnnlm N-best list ('uttid word word ...'), and the"
                            + " file is not " + InputFormat.OTHER_FORMATS);
                }
            }
            if (checkTokens && !hasDigit(f[0])) {
                throw new InputFormatException(in.path(), in.lineNumber(), "not a recognised input format: '" + printable(f[0])
                        + "' does not look like the utterance id an rnnlm N-best line starts with ('uttid word word ...', "
                        + "ids have a digit), and the file is not " + InputFormat.OTHER_FORMATS
                        + " (--input-format rnnlm-nbest reads it as an N-best list all the same)");
            }
            groups.add(f[0], Hypothesis.of(Arrays.asList(f).subList(1, f.length), 0, 0));
        }
        return groups.finish(in);
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A word or an id: no structural character of another format, no control character. */
    static boolean isPlainToken(String token) {
        if (token.endsWith(":")) {
            return false;
        }
        boolean markup = token.startsWith("<");
        if (markup && !(token.endsWith(">") && token.length() > 2)) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFD' || "=,;\"{}".indexOf(c) >= 0
                    || (c == '<' || c == '>') && (i > 0 && i < token.length() - 1 || !markup)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String token) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < token.length() && b.length() < 40; i++) {
            char c = token.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '\uFFFD' ? '?' : c);
        }
        return b.toString();
    }
}
