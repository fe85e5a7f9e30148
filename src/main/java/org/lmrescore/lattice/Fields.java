package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

/** Parses the numeric fields of the text formats read here, failing with the file and line. */
final class Fields {
    private Fields() {
    }

    static double number(String s, TextInput in) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw in.error("expected a number, found '" + s + "'");
        }
    }

    static int wordCount(String s, TextInput in) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw in.error("expected a word count, found '" + s + "'");
        }
    }
}
