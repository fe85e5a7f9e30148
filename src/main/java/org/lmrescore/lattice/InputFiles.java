package org.lmrescore.lattice;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code --in} names: a directory (its regular files, sorted by name, hidden files and
 * files that are transcripts, reports or audio by their extension skipped; when one utterance has
 * several files, as a {@code decode} folder has ID.slf, ID.lat and ID.nbest, the first of SLF,
 * Sphinx dump, N-best is taken), a list file (one path
 * per line, relative to the list's folder or else to the working directory, {@code #} comments),
 * or a single lattice or N-best file. A file whose first line names an existing file is a list.
 */
public final class InputFiles {
    /** Files that sit beside lattices in a decode folder but are not lattices or N-best lists. */
    private static final Pattern NOT_INPUT = Pattern.compile(
            ".*\\.(trn|ctm|json|md|txt|log|sh|wav|mlf|list|args)(\\.gz)?$|^list\\.tsv$|^README.*");

    private InputFiles() {
    }

    public static List<Path> resolve(Path in) {
        if (Files.isDirectory(in)) {
            try (Stream<Path> s = Files.list(in)) {
                return onePerUtterance(s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !NOT_INPUT.matcher(p.getFileName().toString()).matches())
                        .sorted()
                        .toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + in, e);
            }
        }
        if (!Files.isRegularFile(in)) {
            throw new InputFormatException(in, 0, "no such file or directory");
        }
        Path dir = in.toAbsolutePath().getParent();
        String first = firstLine(in);
        if (!isPath(dir, first) && isPath(Path.of(""), first)) {
            dir = Path.of("").toAbsolutePath();  // paths relative to where the command runs
        }
        if (!isPath(dir, first)) {
            return List.of(in);
        }
        List<Path> listed = new ArrayList<>();
        try (TextInput text = TextInput.open(in)) {
            String line;
            while ((line = text.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                Path p = dir.resolve(t);
                if (!Files.isRegularFile(p)) {
                    throw text.error("listed file does not exist: " + p);
                }
                listed.add(p);
            }
        }
        return listed;
    }

    /** Keeps, per utterance id, the file whose kind comes first in {@link #PREFERENCE}. */
    private static List<Path> onePerUtterance(List<Path> files) {
        Map<String, Path> chosen = new TreeMap<>();
        for (Path p : files) {
            chosen.merge(UtteranceIds.fromFileName(p), p, (a, b) -> rank(b) < rank(a) ? b : a);
        }
        if (chosen.size() < files.size()) {
            Log.info("%d files hold %d utterances: one file per utterance is read", files.size(), chosen.size());
        }
        return new ArrayList<>(chosen.values());
    }

    private static final List<String> PREFERENCE = List.of(".slf", ".lat", ".htk", ".nbest");

    private static int rank(Path p) {
        String name = p.getFileName().toString().replaceFirst("\\.gz$", "");
        for (int i = 0; i < PREFERENCE.size(); i++) {
            if (name.endsWith(PREFERENCE.get(i))) {
                return i;
            }
        }
        return PREFERENCE.size();
    }

    private static String firstLine(Path in) {
        try (TextInput text = TextInput.open(in)) {
            String line;
            while ((line = text.readLine()) != null) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return t;
                }
            }
            return null;
        } catch (InputFormatException e) {
            return null; // not text: certainly not a list
        }
    }

    private static boolean isPath(Path dir, String line) {
        if (line == null) {
            return false;
        }
        try {
            return Files.isRegularFile(dir.resolve(line));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
