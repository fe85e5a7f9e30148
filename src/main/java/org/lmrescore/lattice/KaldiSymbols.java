package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;

/**
 * A Kaldi (OpenFst) symbol table, {@code words.txt}: one {@code symbol id} pair a line, id 0
 * being {@code <eps>}. Kaldi's lattices, N-best lists and alignments carry the ids; this table
 * turns them into words and back.
 */
public final class KaldiSymbols {
    /** Kaldi's empty label. */
    public static final String EPSILON = "<eps>";

    private final Path file;
    private final Int2ObjectOpenHashMap<String> symbols = new Int2ObjectOpenHashMap<>();
    private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();

    private KaldiSymbols(Path file) {
        this.file = file;
        ids.defaultReturnValue(-1);
    }

    /** Reads {@code file}; a line that is not {@code symbol id}, or an id given twice, is an error naming it. */
    public static KaldiSymbols read(Path file) {
        KaldiSymbols table = new KaldiSymbols(file);
        try (TextInput in = TextInput.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                String[] f = t.split("\\s+");
                int id;
                try {
                    id = f.length == 2 ? Integer.parseInt(f[1]) : -1;
                } catch (NumberFormatException e) {
                    id = -1;
                }
                if (id < 0) {
                    throw in.error("expected 'symbol id' (a Kaldi words.txt), found '" + t + "'");
                }
                String before = table.symbols.put(id, f[0]);
                if (before != null) {
                    throw in.error("id " + id + " is given twice ('" + before + "' and '" + f[0] + "')");
                }
                table.ids.putIfAbsent(f[0], id);
            }
        }
        if (table.symbols.isEmpty()) {
            throw new InputFormatException(file, 0, "the symbol table is empty");
        }
        return table;
    }

    /** The symbol of {@code id}, or null when the table has none. */
    public String symbol(int id) {
        return symbols.get(id);
    }

    /** The id of {@code symbol}, or -1. */
    public int id(String symbol) {
        return ids.getInt(symbol);
    }

    public Path file() {
        return file;
    }
}
