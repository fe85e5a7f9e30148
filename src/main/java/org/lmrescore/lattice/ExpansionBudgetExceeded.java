package org.lmrescore.lattice;

/**
 * A lattice whose history expansion would exceed its arc budget ({@code rescore.LatticeRescorer}):
 * memory grows with the expanded arcs, so the expansion stops there and the caller falls back to a
 * cheaper rescoring of that utterance instead of letting one lattice exhaust the heap.
 */
public final class ExpansionBudgetExceeded extends RuntimeException {
    public ExpansionBudgetExceeded(long arcs) {
        super("history expansion exceeded its budget of " + arcs + " arcs", null, false, false);
    }
}
