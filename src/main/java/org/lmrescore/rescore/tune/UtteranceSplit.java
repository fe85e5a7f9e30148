package org.lmrescore.rescore.tune;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which utterances {@code tune} tunes on; the rest are held out and reported. "even" / "odd" pick
 * by position in the sorted utterance ids (0-based: even = 1st, 3rd, ...), a file lists ids (one
 * per line, first field; a path's file name without extension also matches), "all" tunes on
 * everything and holds nothing out.
 */
public final class UtteranceSplit {
    private UtteranceSplit() {
    }

    /** The ids of {@code ids} (any order) to tune on, by {@code spec}. */
    public static Set<String> tuneIds(List<String> ids, String spec) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        Set<String> out = new HashSet<>();
        switch (spec) {
            case "all" -> out.addAll(sorted);
            case "even", "odd" -> {
                int parity = spec.equals("even") ? 0 : 1;
                for (int i = parity; i < sorted.size(); i += 2) {
                    out.add(sorted.get(i));
                }
            }
            default -> {
                Set<String> listed = readList(Path.of(spec));
                for (String id : sorted) {
                    if (listed.contains(id)) {
                        out.add(id);
                    }
                }
                if (out.isEmpty()) {
                    throw new InputFormatException(Path.of(spec), 0, "none of the listed utterance ids is among the inputs");
                }
            }
        }
        return out;
    }

    private static Set<String> readList(Path file) {
        Set<String> ids = new HashSet<>();
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String first = t.split("\\s+", 2)[0];
                ids.add(first);
                String name = Path.of(first).getFileName().toString();
                int dot = name.indexOf('.');
                ids.add(dot > 0 ? name.substring(0, dot) : name);
            }
        }
        return ids;
    }
}
