package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Normalises words before scoring, the same way on the reference and the hypothesis side:
 * optional case folding (to lower case, locale-independent) and removal of filler and noise
 * tokens. A token is a filler when one of the patterns matches it entirely. The default
 * patterns ({@link #DEFAULT_FILLERS}) cover the usual recogniser conventions: {@code <sil>},
 * {@code <s>}, {@code </s>} and any {@code <...>}; {@code [noise]} and any {@code [...]};
 * {@code ++breath++}; and HTK's {@code !NULL}, {@code !ENTER}, {@code !EXIT}.
 */
public final class TokenFilter {
    /** Patterns of the default filler set, each matched against a whole token. */
    public static final List<String> DEFAULT_FILLERS = List.of(
            "<[^<>\\s]*>",
            "\\[[^\\[\\]\\s]*\\]",
            "\\+\\+[^\\s]*\\+\\+",
            "!NULL|!ENTER|!EXIT");

    /** Leaves words as they are (sclite -s). */
    public static final TokenFilter NONE = new TokenFilter(false, List.of());

    /** How WER compares words unless told otherwise, as sclite does: case folded, nothing dropped. */
    public static final TokenFilter SCLITE = new TokenFilter(true, List.of());

    private final boolean foldCase;
    private final List<Pattern> fillers;

    private TokenFilter(boolean foldCase, List<Pattern> fillers) {
        this.foldCase = foldCase;
        this.fillers = fillers;
    }

    /**
     * A filter.
     *
     * @param foldCase       compare words case-insensitively
     * @param fillerPatterns regular expressions; a token matching one entirely is dropped
     * @throws InputFormatException if a pattern is not a valid regular expression
     */
    public static TokenFilter of(boolean foldCase, List<String> fillerPatterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String p : fillerPatterns) {
            try {
                compiled.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new InputFormatException("bad filler pattern '" + p + "': " + e.getDescription());
            }
        }
        return new TokenFilter(foldCase, List.copyOf(compiled));
    }

    /** True when this filter changes nothing. */
    public boolean isIdentity() {
        return !foldCase && fillers.isEmpty();
    }

    public boolean isFiller(String token) {
        for (Pattern p : fillers) {
            if (p.matcher(token).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The words kept, folded when asked; fillers are tested before folding. */
    public List<String> apply(List<String> words) {
        if (isIdentity()) {
            return words;
        }
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            if (!isFiller(w)) {
                out.add(foldCase ? w.toLowerCase(Locale.ROOT) : w);
            }
        }
        return out;
    }

    /** A copy of {@code transcripts} with every utterance filtered (source and lines kept). */
    public Transcripts apply(Transcripts transcripts) {
        if (isIdentity()) {
            return transcripts;
        }
        Transcripts.Builder out = Transcripts.builder(transcripts.source());
        for (Map.Entry<String, List<String>> e : transcripts.asMap().entrySet()) {
            out.add(e.getKey(), apply(e.getValue()), transcripts.lineOf(e.getKey()));
        }
        return out.build();
    }
}
