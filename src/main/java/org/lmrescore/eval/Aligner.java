package org.lmrescore.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Minimum-cost word alignment by dynamic programming, with NIST sclite's costs by default:
 * correct 0, insertion 3, deletion 3, substitution 4. Because a substitution (4) is cheaper than a
 * deletion plus an insertion (6), but two substitutions (8) are dearer than a deletion, a match and
 * an insertion (6), the S/D/I split differs from a unit-cost Levenshtein alignment, and matching
 * sclite's split needs its costs.
 *
 * <p>Ties are broken as sclite's {@code net_dp.c} does when it fills each cell: the diagonal step
 * (match or substitution) wins if it is no dearer than both others; otherwise a deletion wins if
 * strictly cheaper than the insertion; otherwise the insertion. The path is read back from the
 * last cell, so among equal-cost alignments the chosen one places diagonal steps as late as possible.
 */
public final class Aligner {
    /** sclite's default costs. */
    public static final Aligner SCLITE = new Aligner(3, 3, 4);
    /** Unit costs (plain Levenshtein distance); for comparison, not for scoring. */
    public static final Aligner LEVENSHTEIN = new Aligner(1, 1, 1);

    private static final byte DIAG = 0;
    private static final byte DEL = 1;
    private static final byte INS = 2;

    private final int insertionCost;
    private final int deletionCost;
    private final int substitutionCost;

    public Aligner(int insertionCost, int deletionCost, int substitutionCost) {
        if (insertionCost <= 0 || deletionCost <= 0 || substitutionCost <= 0) {
            throw new IllegalArgumentException("alignment costs must be positive");
        }
        this.insertionCost = insertionCost;
        this.deletionCost = deletionCost;
        this.substitutionCost = substitutionCost;
    }

    /** Aligns a reference with a hypothesis; words are compared with {@link String#equals}. */
    public Alignment align(List<String> ref, List<String> hyp) {
        int n = ref.size();
        int m = hyp.size();
        int width = m + 1;
        // Two cost rows suffice for the DP; the back pointers keep the whole table (n*m bytes).
        int[] previous = new int[width];
        int[] current = new int[width];
        byte[] back = new byte[(n + 1) * width];
        for (int j = 1; j <= m; j++) {
            previous[j] = previous[j - 1] + insertionCost;
            back[j] = INS;
        }
        for (int i = 1; i <= n; i++) {
            String r = ref.get(i - 1);
            current[0] = previous[0] + deletionCost;
            back[i * width] = DEL;
            for (int j = 1; j <= m; j++) {
                int diag = previous[j - 1] + (r.equals(hyp.get(j - 1)) ? 0 : substitutionCost);
                int del = previous[j] + deletionCost;
                int ins = current[j - 1] + insertionCost;
                if (diag <= del && diag <= ins) {
                    current[j] = diag;
                    back[i * width + j] = DIAG;
                } else if (del < ins) {
                    current[j] = del;
                    back[i * width + j] = DEL;
                } else {
                    current[j] = ins;
                    back[i * width + j] = INS;
                }
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return traceBack(ref, hyp, back, width);
    }

    private static Alignment traceBack(List<String> ref, List<String> hyp, byte[] back, int width) {
        List<EditOp> ops = new ArrayList<>();
        List<String> refWords = new ArrayList<>();
        List<String> hypWords = new ArrayList<>();
        int i = ref.size();
        int j = hyp.size();
        while (i > 0 || j > 0) {
            byte step = back[i * width + j];
            if (step == DIAG) {
                String r = ref.get(i - 1);
                String h = hyp.get(j - 1);
                ops.add(r.equals(h) ? EditOp.CORRECT : EditOp.SUBSTITUTION);
                refWords.add(r);
                hypWords.add(h);
                i--;
                j--;
            } else if (step == DEL) {
                ops.add(EditOp.DELETION);
                refWords.add(ref.get(i - 1));
                hypWords.add(null);
                i--;
            } else {
                ops.add(EditOp.INSERTION);
                refWords.add(null);
                hypWords.add(hyp.get(j - 1));
                j--;
            }
        }
        Collections.reverse(ops);
        Collections.reverse(refWords);
        Collections.reverse(hypWords);
        return new Alignment(ops, refWords, hypWords);
    }
}
