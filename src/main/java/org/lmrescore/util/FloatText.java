package org.lmrescore.util;

import java.math.BigInteger;

/**
 * A float as the shortest decimal that reads back to the same float (of several equally short,
 * the nearest to its exact value), in plain notation: no exponent ({@code -0.000012},
 * {@code 10000000}), no trailing {@code .0} ({@code -99}). Model files are tens of millions of
 * such numbers, and {@link Float#toString} plus a conversion out of exponent notation is most of
 * the time it takes to write one.
 *
 * <p>The digits come from Ulf Adams' Ryu ("Ryu: fast float-to-string conversion", PLDI 2018),
 * with integer arithmetic only: the float's neighbours bound the interval of decimals that round
 * to it, and digits are removed while both bounds still differ above them. The multipliers,
 * 5^-q and 5^i scaled to a fixed number of bits, are computed exactly at class load.
 */
public final class FloatText {
    private static final int MANTISSA_BITS = 23;
    private static final int BIAS = 127;
    private static final int POW5_INV_BITS = 59;
    private static final int POW5_BITS = 61;
    /** ceil(2^(bits(5^q) - 1 + POW5_INV_BITS) / 5^q), q = 0..30. */
    private static final long[] POW5_INV = new long[31];
    /** The top POW5_BITS bits of 5^i, i = 0..47. */
    private static final long[] POW5 = new long[48];

    static {
        for (int i = 0; i < POW5.length; i++) {
            BigInteger pow = BigInteger.valueOf(5).pow(i);
            int length = pow.bitLength();
            POW5[i] = (length >= POW5_BITS ? pow.shiftRight(length - POW5_BITS) : pow.shiftLeft(POW5_BITS - length)).longValueExact();
            if (i < POW5_INV.length) {
                POW5_INV[i] = BigInteger.ONE.shiftLeft(length - 1 + POW5_INV_BITS).divide(pow).add(BigInteger.ONE).longValueExact();
            }
        }
    }

    /** The longest text {@link #append} writes: a sign, "0.", 44 zeros and 9 digits, or 39 digits and a sign. */
    public static final int LONGEST = 56;

    private FloatText() {
    }

    /** The text as a string. */
    public static String of(float v) {
        byte[] b = new byte[LONGEST];
        int length = append(v, b, 0);
        return new String(b, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Writes the text of {@code v} (ASCII) into {@code out} from {@code pos}, which needs room
     * for {@link #LONGEST} bytes; returns the position after it. Infinities and NaN are written
     * as Java writes them.
     */
    public static int append(float v, byte[] out, int pos) {
        int bits = Float.floatToRawIntBits(v);
        int ieeeExponent = (bits >>> MANTISSA_BITS) & 0xff;
        int ieeeMantissa = bits & ((1 << MANTISSA_BITS) - 1);
        if (ieeeExponent == 0xff) {
            String s = Float.toString(v);
            for (int i = 0; i < s.length(); i++) {
                out[pos++] = (byte) s.charAt(i);
            }
            return pos;
        }
        if (bits < 0) {
            out[pos++] = '-';
        }
        if (ieeeExponent == 0 && ieeeMantissa == 0) {
            out[pos++] = '0';
            return pos;
        }
        long decimal = shortestDecimal(ieeeExponent, ieeeMantissa);
        return plain((int) decimal, (int) (decimal >> 32), out, pos);
    }

    /**
     * The shortest decimal of a positive finite float: its digits (at most 9, so an int) in the
     * low 32 bits, the power of ten they are scaled by in the high 32 bits.
     */
    static long shortestDecimal(int ieeeExponent, int ieeeMantissa) {
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            e2 = 1 - BIAS - MANTISSA_BITS - 2;
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - BIAS - MANTISSA_BITS - 2;
            m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        }
        boolean acceptBounds = (m2 & 1) == 0;  // round half to even: an even float owns its halfway points
        // the float (mv) and the midpoints to its neighbours (mp above, mm below), all times 4
        long mv = 4 * m2;
        long mp = 4 * m2 + 2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;  // the gap below is half at a power of two
        long mm = 4 * m2 - 1 - mmShift;
        long vr;
        long vp;
        long vm;
        int e10;
        boolean vmIsTrailingZeros = false;
        boolean vrIsTrailingZeros = false;
        int lastRemovedDigit = 0;
        if (e2 >= 0) {
            int q = log10Pow2(e2);
            e10 = q;
            int k = POW5_INV_BITS + pow5Bits(q) - 1;
            int i = -e2 + q + k;
            vr = mulShift(mv, POW5_INV[q], i);
            vp = mulShift(mp, POW5_INV[q], i);
            vm = mulShift(mm, POW5_INV[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                int l = POW5_INV_BITS + pow5Bits(q - 1) - 1;
                lastRemovedDigit = (int) (mulShift(mv, POW5_INV[q - 1], -e2 + q - 1 + l) % 10);
            }
            if (q <= 9) {
                if (mv % 5 == 0) {
                    vrIsTrailingZeros = pow5Factor(mv) >= q;
                } else if (acceptBounds) {
                    vmIsTrailingZeros = pow5Factor(mm) >= q;
                } else if (pow5Factor(mp) >= q) {
                    vp--;
                }
            }
        } else {
            int q = log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = pow5Bits(i) - POW5_BITS;
            int j = q - k;
            vr = mulShift(mv, POW5[i], j);
            vp = mulShift(mp, POW5[i], j);
            vm = mulShift(mm, POW5[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                j = q - 1 - (pow5Bits(i + 1) - POW5_BITS);
                lastRemovedDigit = (int) (mulShift(mv, POW5[i + 1], j) % 10);
            }
            if (q <= 1) {
                vrIsTrailingZeros = true;
                if (acceptBounds) {
                    vmIsTrailingZeros = mmShift == 1;
                } else {
                    vp--;
                }
            } else if (q < 31) {
                vrIsTrailingZeros = (mv & ((1L << (q - 1)) - 1)) == 0;
            }
        }
        // remove digits while the interval (vm, vp) still holds a shorter decimal, then, when the
        // lower bound is exact and ends in zeros, while it does (Ryu's two loops, and its faster
        // copy for when neither bound can end in zeros, as one: once vp / 10 == vm / 10 it stays
        // so, and dividing a multiple of ten leaves vmIsTrailingZeros as it is)
        int removed = 0;
        while (vp / 10 > vm / 10 || (vmIsTrailingZeros && vm % 10 == 0)) {
            vmIsTrailingZeros &= vm % 10 == 0;
            vrIsTrailingZeros &= lastRemovedDigit == 0;
            lastRemovedDigit = (int) (vr % 10);
            vr /= 10;
            vp /= 10;
            vm /= 10;
            removed++;
        }
        if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
            lastRemovedDigit = 4;  // exactly halfway: round to even
        }
        long output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
        return ((long) (e10 + removed) << 32) | output;
    }

    /** {@code digits} times 10^{@code exponent} without an exponent; returns the position after it. */
    private static int plain(int digits, int exponent, byte[] out, int pos) {
        int length = decimalLength(digits);
        int point = length + exponent;  // digits before the decimal point
        if (point <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int i = point; i < 0; i++) {
                out[pos++] = '0';
            }
            writeDigits(digits, length, out, pos);
            return pos + length;
        }
        if (exponent >= 0) {
            writeDigits(digits, length, out, pos);
            pos += length;
            for (int i = 0; i < exponent; i++) {
                out[pos++] = '0';
            }
            return pos;
        }
        // a point inside the digits: write them one place apart after it
        writeDigits(digits, length, out, pos + 1);
        System.arraycopy(out, pos + 1, out, pos, point);
        out[pos + point] = '.';
        return pos + length + 1;
    }

    private static void writeDigits(int digits, int length, byte[] out, int pos) {
        for (int i = length - 1; i >= 0; i--) {
            out[pos + i] = (byte) ('0' + digits % 10);
            digits /= 10;
        }
    }

    private static int decimalLength(int v) {
        int length = 1;
        for (int bound = 10; length < 10 && v >= bound; bound *= 10) {
            length++;
        }
        return length;
    }

    /** (m * factor) >> shift for m < 2^32, factor < 2^63, shift > 32, without overflowing. */
    private static long mulShift(long m, long factor, int shift) {
        long low = m * (factor & 0xffffffffL);
        long high = m * (factor >>> 32);
        return ((low >>> 32) + high) >>> (shift - 32);
    }

    /** ceil(log2(5^e)), and 1 for e = 0. */
    private static int pow5Bits(int e) {
        return ((e * 1217359) >>> 19) + 1;
    }

    /** floor(log10(2^e)). */
    private static int log10Pow2(int e) {
        return (e * 78913) >>> 18;
    }

    /** floor(log10(5^e)). */
    private static int log10Pow5(int e) {
        return (e * 732923) >>> 20;
    }

    private static int pow5Factor(long v) {
        int count = 0;
        while (v % 5 == 0) {
            v /= 5;
            count++;
        }
        return count;
    }
}
