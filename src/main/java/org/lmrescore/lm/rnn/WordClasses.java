package org.lmrescore.lm.rnn;

/**
 * Word classes of the factorised softmax, P(w|h) = P(class(w)|h) P(w|class(w),h): contiguous
 * ranges of units sorted by falling frequency. Binning follows the rnnlm toolkit: walk the units
 * accumulating their share of the total (of frequency, or of sqrt frequency by default) and
 * start the next class whenever the running share passes the next multiple of 1/C. Frequent
 * words thus get small classes, rare ones large classes.
 */
public final class WordClasses {
    private final int[] classOf;
    private final int[] start;

    /** {@code start[c]} is the first unit of class c; {@code start[count]} the number of units. */
    WordClasses(int[] start) {
        this.start = start;
        int units = start[start.length - 1];
        this.classOf = new int[units];
        for (int c = 0; c + 1 < start.length; c++) {
            if (start[c + 1] <= start[c]) {
                throw new IllegalArgumentException("class " + c + " is empty");
            }
            for (int u = start[c]; u < start[c + 1]; u++) {
                classOf[u] = c;
            }
        }
    }

    /** Bins units with counts sorted by falling frequency into at most {@code classes} classes. */
    public static WordClasses bin(long[] counts, int classes, boolean sqrt) {
        int n = counts.length;
        double total = 0;
        for (long c : counts) {
            total += sqrt ? Math.sqrt(c) : c;
        }
        int[] classOf = new int[n];
        double running = 0;
        int c = 0;
        for (int u = 0; u < n; u++) {
            running += (sqrt ? Math.sqrt(counts[u]) : counts[u]) / total;
            classOf[u] = c;
            if (running > (c + 1) / (double) classes && c < classes - 1) {
                c++;
            }
        }
        return fromClassOf(classOf);
    }

    /** Classes from a per-unit class index; units of one class must be contiguous and classes numbered in order. */
    public static WordClasses fromClassOf(int[] classOf) {
        int count = 0;
        for (int u = 0; u < classOf.length; u++) {
            if (u > 0 && classOf[u] != classOf[u - 1]) {
                if (classOf[u] != classOf[u - 1] + 1) {
                    throw new IllegalArgumentException("classes are not contiguous at unit " + u);
                }
            }
            count = Math.max(count, classOf[u] + 1);
        }
        if (classOf.length > 0 && classOf[0] != 0) {
            throw new IllegalArgumentException("the first unit must be in class 0");
        }
        int[] start = new int[count + 1];
        for (int u = classOf.length - 1; u >= 0; u--) {
            start[classOf[u]] = u;
        }
        start[count] = classOf.length;
        return new WordClasses(start);
    }

    public int count() {
        return start.length - 1;
    }

    public int classOf(int unit) {
        return classOf[unit];
    }

    public int start(int cls) {
        return start[cls];
    }

    public int end(int cls) {
        return start[cls + 1];
    }

    public int size(int cls) {
        return start[cls + 1] - start[cls];
    }

    public int maxSize() {
        int m = 0;
        for (int c = 0; c < count(); c++) {
            m = Math.max(m, size(c));
        }
        return m;
    }
}
