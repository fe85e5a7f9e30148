package org.lmrescore.lattice;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;

/**
 * Reads HTK Standard Lattice Format as HTK, SRILM, Kaldi's converters, the AMI recogniser and
 * CMU Sphinx4 write it: header fields ({@code base= lmscale= wdpenalty= acscale= prscale=
 * start= end=}), the size line ({@code N= L=} or {@code NODES= LINKS=}), node lines
 * ({@code I= t= W= v= d=}) and link lines ({@code J= S= E= W= v= d= a= l= n= r= p=}), fields in
 * any order, short or long names. Words may be on nodes or links; {@code base} absent means e,
 * {@code base=0} plain likelihoods.
 *
 * <p>Scores become natural logs: acoustic = acscale x a + prscale x r (what the decoder added),
 * first-pass LM = lmscale x l. Sphinx4's {@code Lattice.dumpSlf} (recognised by
 * {@code base=1.0001}) writes node times as the start of the node's word and an lmscale that
 * is not its language weight (l x 9.5 = language weight x log P); both are handled here.
 *
 * <p>Strict: an unknown node or link field, a count that does not match the size line, a link
 * to an undefined node or a cycle is an error naming the file and line.
 */
public final class SlfReader {
    private SlfReader() {
    }

    /** Reads the lattice in {@code file} (gzip or not); its id is the file name without extensions. */
    public static Lattice read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in, UtteranceIds.fromFileName(file));
        }
    }

    public static Lattice read(TextInput in, String id) {
        Path file = in.path();
        LatticeBuilder builder = new LatticeBuilder(file);
        LogBase base = LogBase.E;
        double lmScale = Double.NaN;
        double wordPenalty = Double.NaN;
        double acScale = 1;
        double prScale = Double.NaN;
        long declaredNodes = -1;
        long declaredLinks = -1;
        boolean sphinx = false;
        boolean inBody = false;
        String line;
        String[] key = new String[32];
        String[] value = new String[32];
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.equals(".")) {
                throw in.error("sub-lattices (SUBLAT) are not supported");
            }
            int n = fields(trimmed, key, value, in);
            String first = key[0];
            if (first.equals("I")) {
                if (!inBody) {
                    sphinx = base == LogBase.SPHINX;
                    inBody = true;
                }
                node(builder, key, value, n, in, sphinx);
            } else if (first.equals("J")) {
                if (!inBody) {
                    sphinx = base == LogBase.SPHINX;
                    inBody = true;
                }
                link(builder, key, value, n, in, base, acScale, Double.isNaN(lmScale) ? 1 : lmScale,
                        Double.isNaN(prScale) ? 1 : prScale);
            } else {
                if (inBody) {
                    throw in.error("expected a node (I=) or link (J=) line, found '" + first + "='");
                }
                for (int i = 0; i < n; i++) {
                    String k = key[i];
                    String v = value[i];
                    switch (k) {
                        case "base" -> {
                            double b = number(v, k, in);
                            try {
                                base = b == 1.0001 ? LogBase.SPHINX : LogBase.of(b);
                            } catch (IllegalArgumentException e) {
                                throw in.error(e.getMessage());
                            }
                        }
                        case "lmscale" -> lmScale = number(v, k, in);
                        case "wdpenalty" -> wordPenalty = number(v, k, in);
                        case "acscale" -> acScale = number(v, k, in);
                        case "prscale" -> prScale = number(v, k, in);
                        case "N", "NODES" -> declaredNodes = declaredSize(v, k, LatticeBuilder.MAX_NODES, builder, in);
                        case "L", "LINKS" -> declaredLinks = declaredSize(v, k, LatticeBuilder.MAX_ARCS, builder, in);
                        case "start" -> builder.start(integer(v, k, in));
                        case "end" -> builder.end(integer(v, k, in));
                        case "SUBLAT", "S" -> throw in.error("sub-lattices (SUBLAT) are not supported");
                        default -> {
                            // VERSION, UTTERANCE, lmname, vocab, hmms and other informational fields
                        }
                    }
                }
            }
        }
        if (!inBody) {
            throw new InputFormatException(file, in.lineNumber(), "no node or link lines: not an SLF lattice, or truncated");
        }
        if (declaredNodes >= 0 && declaredNodes != builder.nodeCount()) {
            throw new InputFormatException(file, in.lineNumber(), "the size line declares " + declaredNodes
                    + " nodes but " + builder.nodeCount() + " are defined (truncated file?)");
        }
        if (declaredLinks >= 0 && declaredLinks != builder.arcCount()) {
            throw new InputFormatException(file, in.lineNumber(), "the size line declares " + declaredLinks
                    + " links but " + builder.arcCount() + " are defined (truncated file?)");
        }
        LatticeHeader header = sphinx
                ? LatticeHeader.unknown("Sphinx4 SLF")
                : new LatticeHeader("HTK SLF", lmScale, wordPenalty);
        return builder.build(id, header);
    }

    /** A declared node or link count, refused at once when past the limit (before reading what it announces). */
    private static long declaredSize(String v, String k, int max, LatticeBuilder builder, TextInput in) {
        long size = integer(v, k, in);
        if (size > max) {
            throw builder.tooLarge(in.lineNumber());
        }
        return size;
    }

    private static void node(LatticeBuilder builder, String[] key, String[] value, int n, TextInput in, boolean sphinx) {
        long id = integer(value[0], "I", in);
        double time = Double.NaN;
        String word = null;
        for (int i = 1; i < n; i++) {
            switch (key[i]) {
                case "t", "time" -> time = number(value[i], key[i], in);
                case "W", "WORD" -> word = unescape(value[i]);
                case "v", "var", "d", "div", "s" -> {
                    // pronunciation variant and segmentation: not needed for rescoring
                }
                case "L" -> throw in.error("sub-lattice nodes (L=) are not supported");
                default -> throw in.error("unknown node field '" + key[i] + "=' (expected t= W= v= d=)");
            }
        }
        if (sphinx) {
            // Sphinx4 writes the start time of the node's word
            builder.node(id, word, Double.NaN, time, Double.NaN, in.lineNumber());
        } else {
            builder.node(id, word, time, Double.NaN, Double.NaN, in.lineNumber());
        }
    }

    private static void link(LatticeBuilder builder, String[] key, String[] value, int n, TextInput in,
                             LogBase base, double acScale, double lmScale, double prScale) {
        long from = Long.MIN_VALUE;
        long to = Long.MIN_VALUE;
        String word = null;
        double a = 0;
        double l = 0;
        double r = 0;
        for (int i = 1; i < n; i++) {
            switch (key[i]) {
                case "S", "START" -> from = integer(value[i], key[i], in);
                case "E", "END" -> to = integer(value[i], key[i], in);
                case "W", "WORD" -> word = unescape(value[i]);
                case "a", "acoustic" -> a = number(value[i], key[i], in);
                case "l", "language" -> l = number(value[i], key[i], in);
                case "r" -> r = number(value[i], key[i], in);
                case "v", "var", "d", "div", "n", "ngram", "p", "posterior", "s" -> {
                    // variants, segmentation, the n-gram part of l, posteriors: recomputed or not needed
                }
                default -> throw in.error("unknown link field '" + key[i] + "=' (expected S= E= W= a= l= r= v= d= n= p=)");
            }
        }
        if (from == Long.MIN_VALUE || to == Long.MIN_VALUE) {
            throw in.error("a link needs both S= and E=");
        }
        double acoustic = acScale * base.toLn(a) + (r == 0 ? 0 : prScale * base.toLn(r));
        builder.arc(from, to, word, acoustic, lmScale * base.toLn(l), in.lineNumber());
    }

    /**
     * HTK escapes a word's leading quote and other special characters with a backslash
     * ({@code \'BOUT}) and writes other bytes as three octal digits ({@code \303\251}).
     */
    static String unescape(String word) {
        if (word.indexOf('\\') < 0) {
            return word;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] in = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 1 < in.length) {
                if (i + 3 < in.length && isOctal(in[i + 1]) && isOctal(in[i + 2]) && isOctal(in[i + 3])) {
                    bytes.write((in[i + 1] - '0') * 64 + (in[i + 2] - '0') * 8 + (in[i + 3] - '0'));
                    i += 3;
                } else {
                    bytes.write(in[++i]);
                }
            } else {
                bytes.write(in[i]);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    /** Splits {@code k=v k=v ...} into the arrays; returns the number of fields. */
    private static int fields(String line, String[] key, String[] value, TextInput in) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == len) {
                break;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int eq = line.indexOf('=', start);
            if (eq < 0 || eq >= i || eq == start) {
                throw in.error("expected name=value, found '" + line.substring(start, i) + "'");
            }
            if (n == key.length) {
                throw in.error("too many fields on one line");
            }
            key[n] = line.substring(start, eq);
            value[n] = line.substring(eq + 1, i);
            n++;
        }
        return n;
    }

    private static double number(String v, String k, TextInput in) {
        return Fields.number(v, in, "a number after " + k + "=");
    }

    private static long integer(String v, String k, TextInput in) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw in.error("expected an integer after " + k + "=, found '" + v + "'");
        }
    }
}
