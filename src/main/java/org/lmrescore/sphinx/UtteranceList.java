package org.lmrescore.sphinx;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The utterances of a decode job, from a folder (its {@code .wav} files, sorted by name) or a list
 * file: one audio path per line, or {@code uttid<TAB>path[<TAB>anything]} (so a Kaldi-style or
 * {@code list.tsv} file with references works as is). Relative paths are relative to the list's
 * folder; blank lines and lines starting with {@code #} are skipped. Ids must be unique (they name
 * the output files) and must not contain blanks or path separators.
 */
public final class UtteranceList {
    private UtteranceList() {
    }

    public static List<Utterance> read(Path dirOrList) {
        if (Files.isDirectory(dirOrList)) {
            return fromFolder(dirOrList);
        }
        if (!Files.exists(dirOrList)) {
            throw new InputFormatException(dirOrList, 0, "no such folder or list file");
        }
        return fromList(dirOrList);
    }

    private static List<Utterance> fromFolder(Path dir) {
        List<Utterance> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted()
                    .forEach(p -> out.add(new Utterance(Utterance.idOf(p), p)));
        } catch (IOException e) {
            throw new InputFormatException(dir, 0, "cannot list folder: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new InputFormatException(dir, 0, "no .wav files in this folder");
        }
        checkUnique(out, dir);
        return out;
    }

    private static List<Utterance> fromList(Path list) {
        List<Utterance> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Path base = list.toAbsolutePath().getParent();
        try (TextInput in = TextInput.open(list)) {
            String line;
            while ((line = in.readLine()) != null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String id;
                String path;
                if (trimmed.indexOf('\t') >= 0) {
                    String[] fields = trimmed.split("\t");
                    if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
                        throw in.error("expected 'uttid<TAB>audio path', got: " + trimmed);
                    }
                    id = fields[0].strip();
                    path = fields[1].strip();
                } else {
                    path = trimmed;
                    id = Utterance.idOf(Path.of(path));
                }
                if (!validId(id)) {
                    throw in.error("utterance id '" + id + "' " + ID_RULE);
                }
                Long previous = seen.putIfAbsent(id, in.lineNumber());
                if (previous != null) {
                    throw in.error("utterance id '" + id + "' already used at line " + previous);
                }
                Path audio = Path.of(path);
                out.add(new Utterance(id, audio.isAbsolute() ? audio : base.resolve(audio).normalize()));
            }
        }
        if (out.isEmpty()) {
            throw new InputFormatException(list, 0, "no utterances listed");
        }
        return out;
    }

    private static void checkUnique(List<Utterance> utterances, Path where) {
        Map<String, Path> seen = new HashMap<>();
        for (Utterance u : utterances) {
            Path previous = seen.putIfAbsent(u.id(), u.audio());
            if (previous != null) {
                throw new InputFormatException(where, 0, "two files give utterance id '" + u.id() + "': " + previous + " and " + u.audio());
            }
        }
    }

    /** What {@link #validId} requires, for messages: transcripts put ids in parentheses, outputs use them as file names. */
    static final String ID_RULE = "must not contain blanks, '/' or parentheses";

    /**
     * Whether an id can name an utterance. A list's bad id is an error at its line; a folder's
     * file with a bad name is skipped by the decoder (the other files are decoded).
     */
    static boolean validId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == '(' || c == ')') {
                return false;
            }
        }
        return !id.isEmpty();
    }
}
