package org.lmrescore.lm.rnn;

import java.util.List;

/**
 * The class-factorised softmax output: P(u|h) = P(c|h) P(u|c,h) with c = class(u), each a
 * softmax over logits {@code V h + direct features}; only the target's class is expanded, so a
 * word costs C + |class| dot products instead of |V|.
 *
 * <p>Training updates the class rows and the rows of the target's class in place. Models of
 * the rnnlm toolkit import into this layer.
 */
public final class ClassOutput implements OutputLayer {
    private final int hidden;
    private final WordClasses classes;
    /** Class weights, classes x hidden. */
    final float[] classWeights;
    /** Word weights, units x hidden, in unit (= class) order. */
    final float[] wordWeights;

    ClassOutput(int hidden, WordClasses classes) {
        this.hidden = hidden;
        this.classes = classes;
        this.classWeights = new float[classes.count() * hidden];
        this.wordWeights = new float[classes.end(classes.count() - 1) * hidden];
    }

    @Override
    public String type() {
        return OutputLayers.CLASS;
    }

    @Override
    public List<WeightBlock> weights() {
        return List.of(new WeightBlock("output-class", classWeights), new WeightBlock("output-word", wordWeights));
    }

    WordClasses classes() {
        return classes;
    }

    /**
     * Per-thread buffers. With {@code defer} the class layer's updates are deferred into the
     * scratch until {@link #flush}: every word changes all class rows, so threads writing them at
     * once keep stealing the same cache lines from each other.
     */
    @Override
    public Scratch newScratch(int directOrder, boolean defer, long stream) {
        ClassScratch s = new ClassScratch(classes.count(), classes.maxSize(), directOrder);
        if (defer) {
            s.classDelta = new float[classes.count() * hidden];
        }
        return s;
    }

    @Override
    public double logProb(float[] h, int unit, DirectConnections direct, int[] history, Scratch scratch) {
        ClassScratch s = (ClassScratch) scratch;
        int cls = classes.classOf(unit);
        double lnClass = classSoftmax(h, cls, direct, history, s);
        double lnWord = wordSoftmax(h, cls, unit, direct, history, s);
        return lnClass + lnWord;
    }

    @Override
    public double train(float[] h, int unit, float[] dh, DirectConnections direct, int[] history, Scratch scratch,
                        float alpha, float keep) {
        ClassScratch s = (ClassScratch) scratch;
        int cls = classes.classOf(unit);
        double lnClass = classSoftmax(h, cls, direct, history, s);
        double lnWord = wordSoftmax(h, cls, unit, direct, history, s);
        int n = hidden;
        // Word part: error = target - p over the target's class.
        int first = classes.start(cls);
        int size = classes.size(cls);
        float[] p = s.wordAct;
        p[unit - first] -= 1;
        for (int k = 0; k < size; k++) {
            p[k] = -p[k];
        }
        rowsBackpropAndUpdate(p, size, alpha, keep, wordWeights, first * n, h, dh);
        float[] q = s.classAct;
        int count = classes.count();
        q[cls] -= 1;
        for (int c = 0; c < count; c++) {
            q[c] = -q[c];
        }
        if (s.classDelta == null) {
            rowsBackpropAndUpdate(q, count, alpha, keep, classWeights, 0, h, dh);
        } else {
            rowsBackpropAndDefer(q, count, alpha, keep, h, dh, s);
        }
        if (direct != null && alpha != 0) {
            int m = direct.bases(history, cls + 1, s.bases);
            direct.update(s.bases, m, 0, p, size, alpha, keep);
            m = direct.bases(history, 0, s.bases);
            direct.update(s.bases, m, 0, q, count, alpha, keep);
        }
        return lnClass + lnWord;
    }

    @Override
    public boolean exactTrainingScore() {
        return true;
    }

    /** One class softmax and every class's word softmax. */
    @Override
    public void unitLogProbs(float[] h, DirectConnections direct, int[] history, Scratch scratch, double[] out) {
        ClassScratch s = (ClassScratch) scratch;
        int count = classes.count();
        classSoftmax(h, 0, direct, history, s);
        double[] lnClass = new double[count];
        for (int c = 0; c < count; c++) {
            lnClass[c] = Math.log(s.classAct[c]);
        }
        for (int c = 0; c < count; c++) {
            int first = classes.start(c);
            wordSoftmax(h, c, first, direct, history, s);
            for (int k = 0, size = classes.size(c); k < size; k++) {
                out[first + k] = lnClass[c] + Math.log(s.wordAct[k]);
            }
        }
    }

    @Override
    public int sample(float[] h, DirectConnections direct, int[] history, Scratch scratch, java.util.Random random) {
        ClassScratch s = (ClassScratch) scratch;
        classSoftmax(h, 0, direct, history, s);
        int cls = draw(s.classAct, classes.count(), random);
        int first = classes.start(cls);
        wordSoftmax(h, cls, first, direct, history, s);
        return first + draw(s.wordAct, classes.size(cls), random);
    }

    private static int draw(float[] p, int n, java.util.Random random) {
        double u = random.nextDouble();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += p[k];
            if (u < sum) {
                return k;
            }
        }
        return n - 1;
    }

    /** Backpropagates and updates {@code rows} consecutive rows of {@code m} from {@code off} with errors err[0..rows). */
    private void rowsBackpropAndUpdate(float[] err, int rows, float alpha, float keep, float[] m, int off, float[] h, float[] dh) {
        int n = hidden;
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            Blas.backpropAndUpdate4(err, k, alpha, keep, m, off + k * n, h, dh, n);
        }
        for (; k < rows; k++) {
            Blas.backpropAndUpdate(err[k], alpha * err[k], keep, m, off + k * n, h, dh, n);
        }
    }

    /** The class layer's share of {@link #train} with its weight update deferred into the thread's scratch. */
    private void rowsBackpropAndDefer(float[] err, int rows, float alpha, float keep, float[] h, float[] dh, ClassScratch s) {
        int n = hidden;
        float[] delta = s.classDelta;
        for (int k = 0; k < rows; k++) {
            float e = err[k];
            float ae = alpha * e;
            int off = k * n;
            for (int i = 0; i < n; i++) {
                dh[i] += e * classWeights[off + i];
                delta[off + i] += ae * h[i];
            }
        }
        s.classKeep *= keep;
    }

    /** Adds the deferred class-layer updates to the shared weights (L2 decay included). */
    @Override
    public void flush(Scratch scratch) {
        ClassScratch s = (ClassScratch) scratch;
        float[] delta = s.classDelta;
        if (delta == null) {
            return;
        }
        float keep = s.classKeep;
        for (int i = 0; i < delta.length; i++) {
            classWeights[i] = classWeights[i] * keep + delta[i];
            delta[i] = 0;
        }
        s.classKeep = 1f;
    }

    /** Fills s.classAct with P(class | h) and returns ln P(cls | h). */
    private double classSoftmax(float[] h, int cls, DirectConnections direct, int[] history, ClassScratch s) {
        int count = classes.count();
        float[] a = s.classAct;
        Blas.matVec(classWeights, 0, count, hidden, h, a);
        if (direct != null) {
            int m = direct.bases(history, 0, s.bases);
            direct.addScores(s.bases, m, 0, a, count);
        }
        return softmax(a, count, cls);
    }

    /** Fills s.wordAct with P(word | class, h) over the class and returns ln P(unit | cls, h). */
    private double wordSoftmax(float[] h, int cls, int unit, DirectConnections direct, int[] history, ClassScratch s) {
        int first = classes.start(cls);
        int size = classes.size(cls);
        float[] a = s.wordAct;
        Blas.matVec(wordWeights, first * hidden, size, hidden, h, a);
        if (direct != null) {
            int m = direct.bases(history, cls + 1, s.bases);
            direct.addScores(s.bases, m, 0, a, size);
        }
        return softmax(a, size, unit - first);
    }

    /** In-place softmax of a[0..n); returns ln a[target] computed in double. */
    private static double softmax(float[] a, int n, int target) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, a[k]);
        }
        double sum = 0;
        double targetLogit = a[target] - max;
        for (int k = 0; k < n; k++) {
            float e = (float) Math.exp(a[k] - max);
            a[k] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int k = 0; k < n; k++) {
            a[k] *= inv;
        }
        return targetLogit - Math.log(sum);
    }

    /** One thread's output-layer buffers. */
    private static final class ClassScratch extends Scratch {
        final float[] classAct;
        final float[] wordAct;
        /** Deferred class-layer updates and the L2 decay they await (null: update in place). */
        float[] classDelta;
        float classKeep = 1f;

        ClassScratch(int classes, int maxClassSize, int order) {
            super(order);
            this.classAct = new float[classes];
            this.wordAct = new float[maxClassSize];
        }
    }
}
