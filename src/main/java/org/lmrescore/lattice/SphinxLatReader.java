package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;

/**
 * Reads Sphinx4's native lattice dump ({@code Lattice.dump}): lines in any order,
 * <pre>
 * node: ID WORD BEGIN_MS END_MS      (END_MS -1 when unknown)
 * edge: FROM TO ACOUSTIC LM          (log base from logBase:, Sphinx's 1.0001 by default)
 * initialNode: ID
 * terminalNode: ID
 * logBase: 1.0001
 * </pre>
 * The edge's LM score is Sphinx's weighted one (language weight x log P), kept as the first-pass
 * LM score; the acoustic score includes Sphinx's insertion penalties.
 */
public final class SphinxLatReader {
    private SphinxLatReader() {
    }

    public static Lattice read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in, UtteranceIds.fromFileName(file));
        }
    }

    public static Lattice read(TextInput in, String id) {
        LatticeBuilder builder = new LatticeBuilder(in.path());
        LongArrayList from = new LongArrayList();
        LongArrayList to = new LongArrayList();
        DoubleArrayList acoustic = new DoubleArrayList();
        DoubleArrayList lm = new DoubleArrayList();
        IntArrayList lines = new IntArrayList();
        LogBase base = LogBase.SPHINX;
        boolean haveInitial = false;
        boolean haveTerminal = false;
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 1 && f[0].isEmpty() || f[0].startsWith("#")) {
                continue;
            }
            switch (f[0]) {
                case "node:" -> {
                    expect(f, 5, "node: ID WORD BEGIN_MS END_MS", in);
                    double begin = Fields.number(f[3], in) / 1000;
                    double endMs = Fields.number(f[4], in);
                    double end = endMs < 0 ? Double.NaN : endMs / 1000;
                    builder.node(id(f[1], in), f[2], end, begin, end, in.lineNumber());
                }
                case "edge:" -> {
                    expect(f, 5, "edge: FROM TO ACOUSTIC LM", in);
                    if (from.size() >= LatticeBuilder.MAX_ARCS) {
                        throw builder.tooLarge(in.lineNumber());
                    }
                    from.add(id(f[1], in));
                    to.add(id(f[2], in));
                    acoustic.add(Fields.number(f[3], in));
                    lm.add(Fields.number(f[4], in));
                    lines.add((int) in.lineNumber());
                }
                case "initialNode:" -> {
                    expect(f, 2, "initialNode: ID", in);
                    builder.start(id(f[1], in));
                    haveInitial = true;
                }
                case "terminalNode:" -> {
                    expect(f, 2, "terminalNode: ID", in);
                    builder.end(id(f[1], in));
                    haveTerminal = true;
                }
                case "logBase:" -> {
                    expect(f, 2, "logBase: BASE", in);
                    try {
                        double b = Fields.number(f[1], in);
                        base = b == 1.0001 ? LogBase.SPHINX : LogBase.of(b);
                    } catch (IllegalArgumentException e) {
                        throw in.error(e.getMessage());
                    }
                }
                default -> throw in.error("expected node:, edge:, initialNode:, terminalNode: or logBase:, found '" + f[0] + "'");
            }
        }
        if (!haveInitial || !haveTerminal) {
            throw in.error("no " + (haveInitial ? "terminalNode:" : "initialNode:") + " line (truncated file?)");
        }
        for (int i = 0; i < from.size(); i++) {
            builder.arc(from.getLong(i), to.getLong(i), null, base.toLn(acoustic.getDouble(i)),
                    base.toLn(lm.getDouble(i)), lines.getInt(i));
        }
        return builder.build(id, LatticeHeader.unknown("Sphinx4 lattice"));
    }

    private static void expect(String[] f, int n, String what, TextInput in) {
        if (f.length != n) {
            throw in.error("expected '" + what + "'");
        }
    }

    private static long id(String s, TextInput in) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw in.error("expected a node id, found '" + s + "'");
        }
    }
}
