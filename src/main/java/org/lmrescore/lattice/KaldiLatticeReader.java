package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import org.lmrescore.util.TextInput;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Kaldi lattices in text form, as {@code lattice-copy ark:in.lats ark,t:-} writes them
 * (several per file): each a key on its own line, then OpenFst text lines, then a blank line.
 * Both of Kaldi's lattice types:
 * <ul>
 *   <li>CompactLattice (the default): {@code src dst word graph,acoustic,tid_tid_...}, a word per
 *       arc, its transition ids (frames) in the weight;</li>
 *   <li>Lattice ({@code --write-compact=false}): {@code src dst tid word graph,acoustic}, one
 *       frame per arc with a transition id, words where the output label is not 0.</li>
 * </ul>
 * A final state ({@code state [weight]}) gets an empty arc to one end node carrying its final
 * weight; the start is the first line's state. Costs are negated natural logs: acoustic =
 * -acoustic cost, first-pass LM = -graph cost (LM, transition and pronunciation costs, as
 * Kaldi's graph cost is). Word labels are ids, turned into words by the symbol table
 * ({@code --words words.txt}); a lattice whose labels are already words (after
 * {@code utils/int2sym.pl}) needs none, and integer labels without one are an error rather
 * than numbers taken for words. Label 0 ({@code <eps>}) is an empty arc. Node times are the
 * frames counted from the start (times the frame shift) when the states are numbered in
 * topological order, as Kaldi writes them; else unknown.
 */
public final class KaldiLatticeReader {
    /** How the lattices' {@link LatticeHeader#format} begins: "kaldi-compact-lattice" or "kaldi-lattice". */
    public static final String FORMAT = "kaldi";

    private KaldiLatticeReader() {
    }

    public static List<Lattice> read(TextInput in, ReadOptions options) {
        List<Lattice> out = new ArrayList<>();
        read(in, options, out::add);
        return out;
    }

    /**
     * Hands each lattice to {@code each} as soon as it is read, so an archive of any number of
     * utterances holds one lattice in memory at a time.
     */
    public static void read(TextInput in, ReadOptions options, Consumer<Lattice> each) {
        Pending lattice = null;
        boolean any = false;
        String line;
        while ((line = in.readLine()) != null) {
            String t = line.strip();
            if (t.isEmpty()) {
                if (lattice != null) {
                    each.accept(lattice.build(options));
                    any = true;
                    lattice = null;
                }
                continue;
            }
            String[] f = t.split("\\s+");
            if (lattice == null) {
                if (f.length != 1) {
                    throw in.error("expected an utterance key on its own line (a Kaldi text lattice: the key, one arc or "
                            + "final state a line, a blank line), found '" + t + "'");
                }
                lattice = new Pending(in, f[0]);
            } else {
                lattice.line(f, options);
            }
        }
        if (lattice != null) {
            each.accept(lattice.build(options));
            any = true;
        }
        if (!any) {
            throw in.error("no lattice in the file");
        }
    }

    /** One lattice being read. */
    private static final class Pending {
        private final TextInput in;
        private final String key;
        private final LatticeBuilder builder;
        private Boolean compact;
        private long start = -1;
        private long maxState = -1;
        private boolean topological = true;
        private long previousSource = -1;
        private final LongArrayList from = new LongArrayList();
        private final LongArrayList to = new LongArrayList();
        private final ObjectArrayList<String> words = new ObjectArrayList<>();
        private final DoubleArrayList acoustic = new DoubleArrayList();
        private final DoubleArrayList lm = new DoubleArrayList();
        private final IntArrayList frames = new IntArrayList();
        private final LongArrayList lines = new LongArrayList();

        Pending(TextInput in, String key) {
            this.in = in;
            this.key = key;
            this.builder = new LatticeBuilder(in.path());
        }

        void line(String[] f, ReadOptions options) {
            long s = state(f[0]);
            if (start < 0) {
                start = s;
            }
            if (from.size() >= LatticeBuilder.MAX_ARCS) {
                throw builder.tooLarge(in.lineNumber());
            }
            switch (f.length) {
                case 1 -> add(s, -1, Tokens.NULL, 0, 0, 0);             // final, weight One
                case 2 -> {                                               // final with its weight
                    double[] w = weight(f[1], true);
                    add(s, -1, Tokens.NULL, -w[1], -w[0], (int) w[2]);
                }
                case 3 -> {                                               // compact arc, weight One
                    form(true);
                    add(s, state(f[1]), word(f[2], options), 0, 0, 0);
                }
                case 4 -> {
                    if (f[3].indexOf(',') >= 0) {                         // compact arc with its weight
                        form(true);
                        double[] w = weight(f[3], true);
                        add(s, state(f[1]), word(f[2], options), -w[1], -w[0], (int) w[2]);
                    } else {                                              // lattice arc, weight One
                        form(false);
                        add(s, state(f[1]), word(f[3], options), 0, 0, transitionFrames(f[2]));
                    }
                }
                case 5 -> {                                               // lattice arc with its weight
                    form(false);
                    double[] w = weight(f[4], false);
                    add(s, state(f[1]), word(f[3], options), -w[1], -w[0], transitionFrames(f[2]));
                }
                default -> throw in.error("a Kaldi lattice line has 1 to 5 fields (arc: src dst label(s) [weight]; final: "
                        + "state [weight]), found " + f.length);
            }
        }

        private void form(boolean isCompact) {
            if (compact == null) {
                compact = isCompact;
            } else if (compact != isCompact) {
                throw in.error("this line is " + (isCompact ? "a CompactLattice" : "a Lattice") + " arc, earlier lines of "
                        + "lattice '" + key + "' were " + (compact ? "CompactLattice" : "Lattice") + " arcs");
            }
        }

        private void add(long s, long d, String word, double ac, double lmScore, int frameCount) {
            if (s < previousSource || (d >= 0 && d <= s)) {
                topological = false;
            }
            previousSource = s;
            maxState = Math.max(maxState, Math.max(s, d));
            from.add(s);
            to.add(d);
            words.add(word);
            acoustic.add(ac);
            lm.add(lmScore);
            frames.add(frameCount);
            lines.add(in.lineNumber());
        }

        private long state(String field) {
            try {
                long s = Long.parseLong(field);
                if (s >= 0 && s < Integer.MAX_VALUE) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw in.error("expected a state number, found '" + field + "'");
        }

        private int transitionFrames(String field) {
            try {
                return Integer.parseInt(field) == 0 ? 0 : 1;
            } catch (NumberFormatException e) {
                throw in.error("expected a transition id (the input label of a Kaldi Lattice arc), found '" + field + "'");
            }
        }

        private String word(String label, ReadOptions options) {
            if (label.equals("0") || label.equals(KaldiSymbols.EPSILON)) {
                return Tokens.NULL;
            }
            int id;
            try {
                id = Integer.parseInt(label);
            } catch (NumberFormatException e) {
                return label;  // already a word (utils/int2sym.pl)
            }
            if (options.words() == null) {
                throw in.error("the word labels are integer ids: give the symbol table that maps them to words "
                        + "(--words words.txt, the lang directory's)");
            }
            String w = options.words().symbol(id);
            if (w == null) {
                throw in.error("word id " + id + " is not in " + options.words().file());
            }
            return w.equals(KaldiSymbols.EPSILON) ? Tokens.NULL : w;
        }

        /** graph cost, acoustic cost, frames (transition ids of a CompactLattice weight). */
        private double[] weight(String field, boolean compactWeight) {
            String[] p = field.split(",", -1);
            if (p.length != 2 && !(compactWeight && p.length == 3)) {
                throw in.error("expected a weight 'graph,acoustic'" + (compactWeight ? " or 'graph,acoustic,tid_tid_...'" : "")
                        + ", found '" + field + "'");
            }
            double[] w = new double[3];
            for (int i = 0; i < 2; i++) {
                try {
                    w[i] = Double.parseDouble(p[i]);
                } catch (NumberFormatException e) {
                    w[i] = Double.NaN;
                }
                if (!Double.isFinite(w[i])) {
                    throw in.error("expected finite costs in the weight '" + field + "'");
                }
            }
            if (p.length == 3 && !p[2].isEmpty()) {
                String[] ids = p[2].split("_", -1);
                for (String id : ids) {
                    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
                        throw in.error("expected transition ids joined by '_' in the weight '" + field + "'");
                    }
                }
                w[2] = ids.length;
            }
            return w;
        }

        Lattice build(ReadOptions options) {
            if (from.isEmpty()) {
                throw in.error("lattice '" + key + "' has no states");
            }
            long end = maxState + 1;
            Long2DoubleOpenHashMap time = new Long2DoubleOpenHashMap();
            time.defaultReturnValue(Double.NaN);
            if (topological) {
                time.put(start, 0);
                for (int a = 0; a < from.size(); a++) {
                    double t0 = time.get(from.getLong(a));
                    long d = to.getLong(a) < 0 ? end : to.getLong(a);
                    if (!time.containsKey(d)) {
                        time.put(d, t0 + frames.getInt(a) * options.frameShift());
                    }
                }
            }
            boolean anyFinal = false;
            for (int a = 0; a < from.size(); a++) {
                defineNode(from.getLong(a), time, lines.getLong(a));
                long d = to.getLong(a);
                if (d < 0) {
                    anyFinal = true;
                } else {
                    defineNode(d, time, lines.getLong(a));
                }
            }
            if (!anyFinal) {
                throw in.error("lattice '" + key + "' has no final state");
            }
            builder.node(end, null, time.get(end), Double.NaN, Double.NaN, in.lineNumber());
            for (int a = 0; a < from.size(); a++) {
                long d = to.getLong(a) < 0 ? end : to.getLong(a);
                builder.arc(from.getLong(a), d, words.get(a), acoustic.getDouble(a), lm.getDouble(a), lines.getLong(a));
            }
            String format = FORMAT + (compact == Boolean.FALSE ? "-lattice" : "-compact-lattice");
            return builder.start(start).end(end).build(key, LatticeHeader.unknown(format));
        }

        private final LongOpenHashSet defined = new LongOpenHashSet();

        private void defineNode(long s, Long2DoubleOpenHashMap time, long line) {
            if (defined.add(s)) {
                builder.node(s, null, time.get(s), Double.NaN, Double.NaN, line);
            }
        }
    }
}
