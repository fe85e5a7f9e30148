package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which speaker an utterance id belongs to, for the per-speaker summary. A regular expression is
 * searched in the id; its first group (or the whole match when it has no group) is the speaker.
 * The default, like sclite's convention for trn ids, takes the part before the first {@code _} or
 * {@code -} ({@code spk1-utt007} and {@code spk1_utt007} both belong to {@code spk1}). An id the
 * expression does not match is its own speaker.
 */
public final class SpeakerRule {
    public static final String DEFAULT_REGEX = "^([^_-]+)[_-]";
    public static final SpeakerRule DEFAULT = new SpeakerRule(Pattern.compile(DEFAULT_REGEX));

    private final Pattern pattern;

    private SpeakerRule(Pattern pattern) {
        this.pattern = pattern;
    }

    /** A rule from a user's regular expression; a bad one is an {@link InputFormatException}. */
    public static SpeakerRule of(String regex) {
        try {
            return new SpeakerRule(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new InputFormatException("bad speaker regex '" + regex + "': " + e.getDescription());
        }
    }

    public String speakerOf(String uttId) {
        Matcher m = pattern.matcher(uttId);
        if (!m.find()) {
            return uttId;
        }
        String s = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        return s.isEmpty() ? uttId : s;
    }

    public String regex() {
        return pattern.pattern();
    }
}
