package org.lmrescore.rescore.tune;

/** The interval one weight is searched in; {@code min == max} fixes it. Parsed from "MIN:MAX" or "VALUE". */
public record SearchRange(double min, double max) {
    public SearchRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a range needs finite MIN <= MAX, got " + min + ":" + max);
        }
    }

    public static SearchRange parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 1) {
                double v = Double.parseDouble(parts[0]);
                return new SearchRange(v, v);
            }
            if (parts.length == 2) {
                return new SearchRange(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("expected MIN:MAX or one VALUE, not '" + text + "'");
    }

    public boolean fixed() {
        return min == max;
    }

    public double width() {
        return max - min;
    }

    /** {@code count} evenly spaced values from min to max (one value when fixed). */
    public double[] values(int count) {
        if (fixed() || count < 2) {
            return new double[] {fixed() ? min : (min + max) / 2};
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = min + width() * i / (count - 1);
        }
        return v;
    }

    public double clamp(double x) {
        return Math.max(min, Math.min(max, x));
    }
}
