package org.lmrescore.lm.ngram;

/**
 * Parses the plain decimals ARPA files are made of ({@code -1.2345678}, {@code 0}, {@code -99})
 * without allocating: up to 15 significant digits and no exponent are exact as one division of
 * two exactly represented doubles (Clinger's fast path); anything else returns NaN and the caller
 * falls back to {@link Float#parseFloat}.
 */
final class DecimalParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private DecimalParser() {
    }

    static float parse(CharSequence s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        boolean any = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                if (digits > 15) {
                    return Float.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (dot) {
                    fraction++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Float.NaN;
            }
        }
        if (!any || fraction >= POW10.length) {
            return Float.NaN;
        }
        double v = mantissa / POW10[fraction];
        return (float) (negative ? -v : v);
    }
}
