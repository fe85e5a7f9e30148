package org.lmrescore.util;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An output folder that holds the files of one run of one command, so that two runs never mix
 * and a later run never mistakes an earlier one's leftovers for its own. A command names the
 * files it may write ({@code owns}, relative paths with '/'), and {@link #claim} accepts a new or
 * empty folder, or one that only an earlier run of the same command wrote (its
 * {@code summary.json} says {@code "command": NAME}); that run's files are removed first, so a
 * rerun with fewer inputs or without lattices leaves nothing stale. A folder holding anything
 * else (another command's summary, a file the command would not write) is refused before any work.
 * The finished run lists its files in its summary ({@link #files}).
 */
public final class RunFolder {
    public static final String SUMMARY = "summary.json";

    private RunFolder() {
    }

    /** Makes {@code dir} ready for a run of {@code command}, or refuses it with a message saying why. */
    public static void claim(Path dir, String command, Predicate<String> owns) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputFormatException(dir, 0, "not a folder; --out needs a folder (new or from an earlier " + command + " run)");
        }
        List<String> present = files(dir, s -> true);
        if (present.isEmpty()) {
            return;
        }
        String earlier = commandOf(dir.resolve(SUMMARY));
        if (!command.equals(earlier)) {
            String why = earlier != null ? "its " + SUMMARY + " is a '" + earlier + "' run's"
                    : Files.exists(dir.resolve(SUMMARY)) ? "its " + SUMMARY + " names no command: another program's or an older version's"
                    : present.size() + " files, " + present.get(0) + " first";
            throw new InputFormatException(dir, 0, "the folder holds files that no earlier " + command + " run wrote ("
                    + why + "); give a new or empty --out, or the folder of an earlier " + command + " run");
        }
        for (String f : present) {
            if (!owns.test(f) && !f.equals(SUMMARY)) {
                throw new InputFormatException(dir.resolve(f), 0, "not a file a " + command + " run writes; the folder is"
                        + " not only an earlier run's: give a new or empty --out");
            }
        }
        try {
            for (String f : present) {
                Files.delete(dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier run's files from " + dir, e);
        }
        Log.always("note: %s: removed the %d files of the earlier %s run there, so none of them mixes with this one's", dir,
                present.size(), command);
    }

    /** The regular files under {@code dir} that {@code owns} accepts, relative, sorted; temporary files excluded. */
    public static List<String> files(Path dir, Predicate<String> owns) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !isTemporary(f) && owns.test(f))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            throw new InputFormatException(dir, 0, "cannot list the folder: " + e.getMessage());
        }
        return out;
    }

    /** {@link AtomicOutput}'s temporary files: a running or killed writer's, never a result. */
    private static boolean isTemporary(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** The "command" of a summary.json, or null when there is none or it is not such a summary. */
    private static String commandOf(Path summary) {
        if (!Files.isRegularFile(summary) || sizeOf(summary) > 1 << 26) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(summary));
            if (e.isJsonObject()) {
                JsonObject o = e.getAsJsonObject();
                JsonElement c = o.get("command");
                return c != null && c.isJsonPrimitive() ? c.getAsString() : null;
            }
            return null;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
