package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads transcript files (sclite trn, plain {@code uttid words} lines, HTK MLF, NIST ctm) into
 * {@link Transcripts}. With {@link TranscriptFormat#AUTO} the first non-blank line decides:
 * {@code #!MLF!#} is an MLF, a line ending in {@code (...)} is trn, five or six fields whose
 * third, fourth (and sixth) are numbers are ctm, anything else is plain. Blank lines are skipped, and so are
 * sclite's comment lines starting with {@code ;;} in trn and plain files; a UTF-8 byte-order mark is ignored.
 * Every problem is an {@link InputFormatException} naming the file and line: an empty file,
 * text that is not UTF-8, a line of the wrong shape, an utterance id given twice.
 */
public final class TranscriptReader {
    private TranscriptReader() {
    }

    /** Reads {@code path}, detecting its format. */
    public static Transcripts read(Path path) {
        return read(path, TranscriptFormat.AUTO);
    }

    public static Transcripts read(Path path, TranscriptFormat format) {
        try (TextInput in = TextInput.open(path)) {
            String line = firstLine(in);
            if (line == null) {
                throw new InputFormatException(path, 0, "empty file: no utterances");
            }
            TranscriptFormat actual = format == TranscriptFormat.AUTO ? detect(line) : format;
            Transcripts.Builder out = Transcripts.builder(path);
            switch (actual) {
                case TRN -> readTrn(in, line, out, format == TranscriptFormat.AUTO);
                case PLAIN -> readPlain(in, line, out);
                case MLF -> MlfReader.read(in, line, out);
                case CTM -> CtmReader.addWords(CtmReader.read(in, line), out);
                default -> throw new IllegalStateException(actual.toString());
            }
            if (out.size() == 0) {
                throw new InputFormatException(path, 0, "no utterances in the file");
            }
            return out.build();
        }
    }

    /** The first line that is neither blank nor a comment (a byte-order mark dropped), null when there is none. */
    static String firstLine(TextInput in) {
        String line = in.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null && (line.isBlank() || isComment(line))) {
            line = in.readLine();
        }
        return line;
    }

    /** The format a file starting with {@code firstLine} (its first non-blank line) is read as. */
    public static TranscriptFormat detect(String firstLine) {
        String t = firstLine.strip();
        if (t.startsWith(MlfReader.HEADER)) {
            return TranscriptFormat.MLF;
        }
        if (t.endsWith(")") && t.indexOf('(') >= 0) {
            return TranscriptFormat.TRN;
        }
        if (CtmReader.looksLikeCtm(t)) {
            return TranscriptFormat.CTM;
        }
        return TranscriptFormat.PLAIN;
    }

    private static void readTrn(TextInput in, String line, Transcripts.Builder out, boolean detected) {
        for (; line != null; line = in.readLine()) {
            String t = line.strip();
            if (t.isEmpty() || isComment(t)) {
                continue;
            }
            int open = t.lastIndexOf('(');
            if (!t.endsWith(")") || open < 0) {
                throw in.error("expected an sclite trn line 'words (uttid)', found no '(uttid)' at the end"
                        + (detected ? " (format detected as trn from the first line; use --format to force another)" : ""));
            }
            String id = t.substring(open + 1, t.length() - 1).strip();
            if (id.isEmpty() || hasSpace(id)) {
                throw in.error("expected an utterance id without spaces inside the final '( )', found '(" + id + ")'");
            }
            List<String> words = Words.split(t.substring(0, open));
            for (String w : words) {
                if (w.equals("{") || w.startsWith("{")) {
                    throw in.error("sclite alternations '{ a / b }' are not supported");
                }
            }
            out.add(id, words, in.lineNumber());
        }
    }

    private static void readPlain(TextInput in, String line, Transcripts.Builder out) {
        for (; line != null; line = in.readLine()) {
            List<String> tokens = Words.split(line);
            if (tokens.isEmpty() || isComment(line)) {
                continue;
            }
            out.add(tokens.get(0), tokens.subList(1, tokens.size()), in.lineNumber());
        }
    }

    /** sclite's comment convention for trn files. */
    private static boolean isComment(String line) {
        return line.stripLeading().startsWith(";;");
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Words.isSpace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
