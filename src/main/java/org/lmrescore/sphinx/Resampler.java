package org.lmrescore.sphinx;

/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Blackman window). When
 * downsampling, the sinc's cut-off is lowered to the new Nyquist frequency so that nothing
 * above it folds back into the speech band.
 */
final class Resampler {
    /** Zero crossings of the sinc kept on each side: enough for speech, cheap for utterances. */
    private static final int HALF_WIDTH = 16;

    private Resampler() {
    }

    static double[] resample(double[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in.clone();
        }
        double ratio = toRate / (double) fromRate;
        double cutoff = Math.min(1.0, ratio); // relative to the input Nyquist frequency
        double halfSpan = HALF_WIDTH / cutoff; // in input samples
        int n = (int) Math.floor(in.length * ratio);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double center = i / ratio;
            int first = (int) Math.ceil(center - halfSpan);
            int last = (int) Math.floor(center + halfSpan);
            double acc = 0;
            for (int k = Math.max(0, first); k <= Math.min(in.length - 1, last); k++) {
                double x = k - center;
                acc += in[k] * cutoff * sinc(x * cutoff) * blackman(x / halfSpan);
            }
            out[i] = acc;
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over [-1, 1]. */
    private static double blackman(double t) {
        if (Math.abs(t) >= 1) {
            return 0;
        }
        double phase = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }
}
