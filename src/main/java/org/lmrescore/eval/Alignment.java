package org.lmrescore.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A word alignment of one reference with one hypothesis: a sequence of positions, each an
 * {@link EditOp} with its reference word (null for an insertion) and hypothesis word (null for a
 * deletion). Immutable; counts are computed once.
 */
public final class Alignment {
    private final List<EditOp> ops;
    private final List<String> refWords;
    private final List<String> hypWords;
    private final int corr;
    private final int sub;
    private final int del;
    private final int ins;

    Alignment(List<EditOp> ops, List<String> refWords, List<String> hypWords) {
        if (ops.size() != refWords.size() || ops.size() != hypWords.size()) {
            throw new IllegalArgumentException("alignment columns differ in length");
        }
        this.ops = Collections.unmodifiableList(new ArrayList<>(ops));
        this.refWords = Collections.unmodifiableList(new ArrayList<>(refWords));
        this.hypWords = Collections.unmodifiableList(new ArrayList<>(hypWords));
        int c = 0;
        int s = 0;
        int d = 0;
        int i = 0;
        for (EditOp op : ops) {
            switch (op) {
                case CORRECT -> c++;
                case SUBSTITUTION -> s++;
                case DELETION -> d++;
                case INSERTION -> i++;
                default -> throw new IllegalStateException();
            }
        }
        corr = c;
        sub = s;
        del = d;
        ins = i;
    }

    /** The alignment of a reference with an empty hypothesis: every word deleted. */
    public static Alignment allDeleted(List<String> ref) {
        List<EditOp> ops = new ArrayList<>(Collections.nCopies(ref.size(), EditOp.DELETION));
        List<String> hyp = new ArrayList<>(Collections.nCopies(ref.size(), (String) null));
        return new Alignment(ops, ref, hyp);
    }

    public int size() {
        return ops.size();
    }

    public EditOp op(int i) {
        return ops.get(i);
    }

    /** The reference word at position {@code i}, null for an insertion. */
    public String refWord(int i) {
        return refWords.get(i);
    }

    /** The hypothesis word at position {@code i}, null for a deletion. */
    public String hypWord(int i) {
        return hypWords.get(i);
    }

    /** For each hypothesis word in order, whether the alignment matches it to the same reference word. */
    public boolean[] hypothesisWordsCorrect() {
        boolean[] out = new boolean[corr + sub + ins];
        int k = 0;
        for (EditOp op : ops) {
            if (op != EditOp.DELETION) {
                out[k++] = op == EditOp.CORRECT;
            }
        }
        return out;
    }

    public List<EditOp> ops() {
        return ops;
    }

    public int corr() {
        return corr;
    }

    public int sub() {
        return sub;
    }

    public int del() {
        return del;
    }

    public int ins() {
        return ins;
    }

    /** Reference words: correct + substituted + deleted. */
    public int refLength() {
        return corr + sub + del;
    }

    /** Substitutions + deletions + insertions. */
    public int errors() {
        return sub + del + ins;
    }

    /** The ops as a string of sclite letters, e.g. {@code "CCSDCI"} (handy in tests and logs). */
    public String letters() {
        StringBuilder s = new StringBuilder(ops.size());
        for (EditOp op : ops) {
            s.append(op.letter());
        }
        return s.toString();
    }
}
