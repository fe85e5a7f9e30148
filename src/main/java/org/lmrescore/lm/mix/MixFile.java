package org.lmrescore.lm.mix;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mix file: which models a mix combines and with what weights, one line per model,
 * <pre>
 *   # comment
 *   weight TAB kind TAB path        (kind: rnn or kn)
 * </pre>
 * Relative paths are relative to the mix file's own folder, so a mix file travels with its models
 * ({@code classpath:} resources are kept as written).
 * Weights are non-negative, not all zero, and are normalised to sum to 1 when the mix is built.
 */
public final class MixFile {
    /** A model inside the program's resources (Sphinx4's trigram), kept as written. */
    private static final String CLASSPATH = "classpath:";
    private MixFile() {
    }

    /** Reads a mix file; a malformed line is an {@link InputFormatException} naming it. */
    public static List<MixComponent> read(Path file) {
        List<MixComponent> components = new ArrayList<>();
        Path base = folderOf(file);
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw in.error("expected 'weight<TAB>kind<TAB>path' (3 tab-separated fields), found " + f.length);
                }
                double weight;
                try {
                    weight = Double.parseDouble(f[0].strip());
                } catch (NumberFormatException e) {
                    throw in.error("weight '" + f[0] + "' is not a number");
                }
                if (!(weight >= 0) || Double.isInfinite(weight)) {
                    throw in.error("weight " + f[0] + " must be a finite number >= 0");
                }
                MixComponent.Kind kind = MixComponent.Kind.ofLabel(f[1].strip());
                if (kind == null) {
                    throw in.error("model kind '" + f[1] + "' is not one of rnn, kn");
                }
                String name = f[2].strip();
                if (name.isEmpty()) {
                    throw in.error("empty model path");
                }
                Path path = name.startsWith(CLASSPATH) ? Path.of(name) : base.resolve(name).normalize();
                components.add(new MixComponent(weight, kind, path));
            }
            if (components.isEmpty()) {
                throw new InputFormatException(file, in.lineNumber(), "a mix file needs at least one 'weight<TAB>kind<TAB>path' line");
            }
        }
        if (components.stream().allMatch(c -> c.weight() == 0)) {
            throw new InputFormatException(file, 0, "every weight is 0");
        }
        return components;
    }

    /** Writes a mix file atomically, with {@code comment} lines (may be empty) at the top. */
    public static void write(Path file, List<MixComponent> components, List<String> comment) {
        Path base = folderOf(file).toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder();
        for (String c : comment) {
            sb.append("# ").append(c).append('\n');
        }
        for (MixComponent c : components) {
            String name = c.path().toString();
            if (!name.startsWith(CLASSPATH)) {
                Path p = c.path().toAbsolutePath().normalize();
                name = p.startsWith(base) ? base.relativize(p).toString() : p.toString();
            }
            sb.append(String.format(Locale.ROOT, "%.10g", c.weight())).append('\t').append(c.kind().label()).append('\t')
                    .append(name).append('\n');
        }
        AtomicOutput.writeString(file, sb.toString());
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
