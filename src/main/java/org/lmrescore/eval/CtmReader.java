package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NIST ctm files: {@code utt channel start duration word [confidence]} a line, ';;' comments.
 * An utterance's words may be spread over the file; they are put in order of start time (lines
 * with equal times keep their order). The confidence column, when present, must be on every line
 * and lie in [0, 1]. An utterance with no words has no lines, so it is absent: the scorer then
 * counts its reference words as deletions, as sclite does.
 */
public final class CtmReader {
    /** One word of a ctm: its start, the word and its confidence (NaN without the column). */
    public record Entry(double start, String word, double confidence, long line) {
    }

    private CtmReader() {
    }

    /**
     * Whether {@code line} (a file's first non-blank, non-comment line) has a ctm line's shape:
     * five or six fields, the third, fourth (and sixth) numbers of any value, so that a ctm with
     * a NaN or negative time still reads as one and gets the reader's error, not a plain misreading.
     */
    static boolean looksLikeCtm(String line) {
        List<String> f = Words.split(line);
        return (f.size() == 5 || f.size() == 6) && parses(f.get(2)) && parses(f.get(3))
                && (f.size() == 5 || parses(f.get(5)));
    }

    private static boolean parses(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The entries of {@code path} when it is a ctm (given as one, or detected), else null. */
    public static Map<String, List<Entry>> readIfCtm(java.nio.file.Path path, TranscriptFormat format) {
        try (TextInput in = TextInput.open(path)) {
            String line = TranscriptReader.firstLine(in);
            if (line == null || (format == TranscriptFormat.AUTO ? TranscriptReader.detect(line) : format) != TranscriptFormat.CTM) {
                return null;
            }
            return read(in, line);
        }
    }

    /** Reads the lines from {@code line} on: every utterance's entries, in time order. */
    public static Map<String, List<Entry>> read(TextInput in, String line) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        Boolean withConfidence = null;
        for (; line != null; line = in.readLine()) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";;")) {
                continue;
            }
            List<String> f = Words.split(t);
            if (f.size() != 5 && f.size() != 6) {
                throw in.error("expected a ctm line 'utt channel start duration word [confidence]', found " + f.size() + " fields");
            }
            double start = number(in, f.get(2), "start time");
            double duration = number(in, f.get(3), "duration");
            if (!(start >= 0) || !(duration >= 0)) {
                throw in.error("start time and duration must be >= 0, found " + f.get(2) + " and " + f.get(3));
            }
            boolean has = f.size() == 6;
            if (withConfidence != null && has != withConfidence) {
                throw in.error("the confidence column must be on every line or on none (the first line " + (withConfidence
                        ? "has" : "has not") + " one)");
            }
            withConfidence = has;
            double confidence = Double.NaN;
            if (has) {
                confidence = number(in, f.get(5), "confidence");
                if (!(confidence >= 0 && confidence <= 1)) {
                    throw in.error("a confidence must lie in [0, 1], found " + f.get(5));
                }
            }
            out.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(new Entry(start, f.get(4), confidence, in.lineNumber()));
        }
        for (List<Entry> words : out.values()) {
            words.sort(Comparator.comparingDouble(Entry::start));
        }
        return out;
    }

    /** Adds every utterance's words to {@code out}. */
    static void addWords(Map<String, List<Entry>> ctm, Transcripts.Builder out) {
        for (Map.Entry<String, List<Entry>> e : ctm.entrySet()) {
            List<String> words = new ArrayList<>(e.getValue().size());
            for (Entry w : e.getValue()) {
                words.add(w.word());
            }
            out.add(e.getKey(), words, e.getValue().get(0).line());
        }
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(TextInput in, String s, String what) {
        if (!isNumber(s)) {
            throw in.error("expected a number as the " + what + ", found '" + s + "'");
        }
        return Double.parseDouble(s);
    }
}
