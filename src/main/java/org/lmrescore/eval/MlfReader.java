package org.lmrescore.eval;

import org.lmrescore.util.TextInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTK master label file part of {@link TranscriptReader}. Shape:
 * <pre>
 * #!MLF!#
 * "*&#47;utt1.rec"
 * 0 2300000 hello -123.4
 * 2300000 5100000 world
 * .
 * </pre>
 * A label line is {@code [start [end]] word [score ...]}: with two leading integers the word is the
 * third field, with one the second, otherwise the first. The utterance id is the quoted name without
 * directories and extension. Sub-file references ({@code "x" -> dir}) and multi-level labels
 * ({@code ///}) are rejected rather than misread.
 */
final class MlfReader {
    static final String HEADER = "#!MLF!#";

    private MlfReader() {
    }

    static void read(TextInput in, String firstLine, Transcripts.Builder out) {
        if (!firstLine.strip().equals(HEADER)) {
            throw in.error("expected the HTK MLF header '" + HEADER + "'");
        }
        String id = null;
        long idLine = 0;
        List<String> words = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (id == null) {
                id = utteranceId(in, t);
                idLine = in.lineNumber();
                words.clear();
            } else if (t.equals(".")) {
                out.add(id, words, idLine);
                id = null;
            } else if (t.equals("///")) {
                throw in.error("multi-level MLF labels ('///') are not supported; keep only the word level");
            } else {
                words.add(label(in, t));
            }
        }
        if (id != null) {
            throw in.error("labels of '" + id + "' (line " + idLine + ") are not terminated by a line '.'");
        }
    }

    /** The id in a {@code "*&#47;dir/uttid.lab"} line. */
    private static String utteranceId(TextInput in, String t) {
        if (!t.startsWith("\"") || !t.endsWith("\"") || t.length() < 3) {
            if (t.startsWith("\"") && (t.contains("->") || t.contains("=>"))) {
                throw in.error("MLF sub-file references ('->' or '=>') are not supported");
            }
            throw in.error("expected a quoted label file name like \"*/uttid.lab\" (or '.' after the previous labels)");
        }
        String name = t.substring(1, t.length() - 1);
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        if (name.isEmpty() || name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            throw in.error("expected a label file name with an utterance id, found " + t);
        }
        return name;
    }

    private static String label(TextInput in, String t) {
        List<String> fields = Words.split(t);
        int word = 0;
        if (fields.size() >= 2 && isInteger(fields.get(0))) {
            word = fields.size() >= 3 && isInteger(fields.get(1)) ? 2 : 1;
        }
        if (word >= fields.size()) {
            throw in.error("expected a label line '[start [end]] word [score]'");
        }
        return fields.get(word);
    }

    private static boolean isInteger(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
