package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word transcripts by utterance id, in the order they were added: what the scorer compares.
 * Readers build one from a file (and remember each utterance's line, for error messages);
 * rescoring and decoding build one in memory. Immutable once built.
 */
public final class Transcripts {
    private final Path source;
    private final Map<String, List<String>> words;
    private final Map<String, Long> lines;

    private Transcripts(Path source, Map<String, List<String>> words, Map<String, Long> lines) {
        this.source = source;
        this.words = Collections.unmodifiableMap(words);
        this.lines = lines;
    }

    /** A builder for transcripts made in memory (no source file). */
    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder for transcripts read from {@code source}; duplicates are reported against it. */
    public static Builder builder(Path source) {
        return new Builder(source);
    }

    /** The file these transcripts were read from, or null when built in memory. */
    public Path source() {
        return source;
    }

    /** Utterance ids in insertion order. */
    public Set<String> ids() {
        return words.keySet();
    }

    public boolean contains(String id) {
        return words.containsKey(id);
    }

    /** The words of {@code id}, or null when the id is absent. */
    public List<String> words(String id) {
        return words.get(id);
    }

    /** Line of the source file where {@code id} was defined, or 0 when unknown. */
    public long lineOf(String id) {
        Long line = lines.get(id);
        return line == null ? 0 : line;
    }

    public int size() {
        return words.size();
    }

    /** Total number of words over all utterances. */
    public long wordCount() {
        long n = 0;
        for (List<String> w : words.values()) {
            n += w.size();
        }
        return n;
    }

    /** Read-only view: utterance id to its words, in insertion order. */
    public Map<String, List<String>> asMap() {
        return words;
    }

    /** Collects utterances; an id added twice is an error. */
    public static final class Builder {
        private final Path source;
        private final Map<String, List<String>> words = new LinkedHashMap<>();
        private final Map<String, Long> lines = new LinkedHashMap<>();

        private Builder(Path source) {
            this.source = source;
        }

        /** Adds an utterance built in memory. */
        public Builder add(String id, List<String> utteranceWords) {
            return add(id, utteranceWords, 0);
        }

        /**
         * Adds an utterance defined at {@code line} of the source file.
         *
         * @throws InputFormatException if the id was already added
         */
        public Builder add(String id, List<String> utteranceWords, long line) {
            if (id == null || id.isEmpty()) {
                throw new InputFormatException(source, line, "empty utterance id");
            }
            if (words.containsKey(id)) {
                long first = lines.getOrDefault(id, 0L);
                throw new InputFormatException(source, line, "duplicate utterance id '" + id + "'"
                        + (first > 0 ? " (first defined at line " + first + ")" : ""));
            }
            words.put(id, List.copyOf(utteranceWords));
            if (line > 0) {
                lines.put(id, line);
            }
            return this;
        }

        public int size() {
            return words.size();
        }

        public Transcripts build() {
            return new Transcripts(source, new LinkedHashMap<>(words), new LinkedHashMap<>(lines));
        }
    }
}
