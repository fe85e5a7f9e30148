package org.lmrescore.eval;

/** What happened to one position of an alignment between a reference and a hypothesis. */
public enum EditOp {
    /** Reference and hypothesis words are equal. */
    CORRECT('C'),
    /** A reference word was recognised as another word. */
    SUBSTITUTION('S'),
    /** A reference word has no hypothesis word. */
    DELETION('D'),
    /** A hypothesis word has no reference word. */
    INSERTION('I');

    private final char letter;

    EditOp(char letter) {
        this.letter = letter;
    }

    /** sclite's letter for the op: C, S, D or I. */
    public char letter() {
        return letter;
    }

    public boolean isError() {
        return this != CORRECT;
    }
}
