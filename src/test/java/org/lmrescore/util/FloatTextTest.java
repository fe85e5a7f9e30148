package org.lmrescore.util;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FloatTextTest {
    @Test
    void handPickedValues() {
        assertEquals("0", FloatText.of(0f));
        assertEquals("-0", FloatText.of(-0f));
        assertEquals("-99", FloatText.of(-99f));
        assertEquals("1", FloatText.of(1f));
        assertEquals("0.5", FloatText.of(0.5f));
        assertEquals("-0.30103", FloatText.of(-0.30103f));
        assertEquals("-0.000015", FloatText.of(-1.5e-5f));
        assertEquals("0.0001", FloatText.of(1e-4f));
        assertEquals("10000000", FloatText.of(1e7f));
        assertEquals("123.25", FloatText.of(123.25f));
        assertEquals("0.1", FloatText.of(0.1f));  // not 0.100000001, the float's exact value
        assertEquals("16777216", FloatText.of(16777216f));
        assertEquals("340282350000000000000000000000000000000", FloatText.of(Float.MAX_VALUE));
        assertEquals("0." + "0".repeat(44) + "1", FloatText.of(Float.MIN_VALUE));  // Java writes 1.4E-45: not the shortest
        assertEquals("0." + "0".repeat(37) + "11754944", FloatText.of(Float.MIN_NORMAL));
        assertEquals("-Infinity", FloatText.of(Float.NEGATIVE_INFINITY));
        assertEquals("NaN", FloatText.of(Float.NaN));
    }

    /** Random floats of every magnitude, and every float of a few ranges ARPA numbers live in. */
    @Test
    void shortestNearestAndReadsBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            check(Float.intBitsToFloat(random.nextInt()));
        }
        for (float start : new float[] {-1f, -0.001f, -7.5f, -99f, 8388608f}) {
            int bits = Float.floatToRawIntBits(start);
            for (int i = 0; i < 20_000; i++) {
                check(Float.intBitsToFloat(bits + i));
            }
        }
        for (int bits = 1; bits < 20_000; bits++) {  // the smallest subnormals
            check(Float.intBitsToFloat(bits));
        }
    }

    /**
     * The text parses back to {@code v}; no decimal with one significant digit fewer does (both
     * roundings of the exact value to that length); no decimal of its length that does is nearer.
     */
    private static void check(float v) {
        if (!Float.isFinite(v) || v == 0f) {
            return;
        }
        String text = FloatText.of(v);
        assertFalse(text.contains("E") || text.endsWith(".0") || text.endsWith("."), text);
        if (Float.parseFloat(text) != v) {
            fail(text + " reads back as " + Float.parseFloat(text) + ", not " + v);
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal ours = new BigDecimal(text);
        int digits = ours.stripTrailingZeros().precision();
        if (digits > 1) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal shorter = exact.round(new MathContext(digits - 1, mode));
                assertTrue(Float.parseFloat(shorter.toString()) != v, v + ": " + shorter + " is shorter than " + text);
            }
        }
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(ours.stripTrailingZeros().scale() * -1);
        for (BigDecimal other : new BigDecimal[] {ours.subtract(unit), ours.add(unit)}) {
            if (Float.parseFloat(other.toString()) == v) {
                assertTrue(ours.subtract(exact).abs().compareTo(other.subtract(exact).abs()) <= 0,
                        v + ": " + other + " is nearer than " + text);
            }
        }
    }
}
