package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

/** Parses the numeric fields of the text formats read here, failing with the file and line. */
final class Fields {
    private Fields() {
    }

    static double number(String s, TextInput in) {
        return number(s, in, "a number");
    }

    /**
     * A finite number, {@code what} naming it in the error. Infinity and NaN are refused where
     * they are read: further on they would only turn into a wrong best path or an empty lattice.
     */
    static double number(String s, TextInput in, String what) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw in.error("expected " + what + ", found '" + s + "'");
        }
        if (!Double.isFinite(d)) {
            throw in.error("expected " + what + ", found '" + s + "' (not a finite number)");
        }
        return d;
    }

    static int wordCount(String s, TextInput in) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw in.error("expected a word count, found '" + s + "'");
        }
    }
}
