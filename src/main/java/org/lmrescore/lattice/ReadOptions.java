package org.lmrescore.lattice;

/**
 * How {@link InputFormat} reads input files: the format (null: recognise each file by its
 * content), the symbol table that turns Kaldi's integer word labels into words (null: labels must
 * be words already), and the seconds per frame that Kaldi's transition-id counts are converted
 * to times with (0.01 s; 0.03 s for chain models decoded with frame subsampling 3).
 */
public record ReadOptions(InputFormat format, KaldiSymbols words, double frameShift) {
    public static final double DEFAULT_FRAME_SHIFT = 0.01;
    /** Every file recognised by its content, no symbol table. */
    public static final ReadOptions AUTO = new ReadOptions(null, null, DEFAULT_FRAME_SHIFT);

    public ReadOptions {
        if (!(frameShift > 0) || Double.isInfinite(frameShift)) {
            throw new IllegalArgumentException("the frame shift must be a positive number of seconds, not " + frameShift);
        }
    }

    public static ReadOptions of(InputFormat format) {
        return new ReadOptions(format, null, DEFAULT_FRAME_SHIFT);
    }
}
