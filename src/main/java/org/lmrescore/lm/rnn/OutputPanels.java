package org.lmrescore.lm.rnn;

/**
 * A copy of an output layer's row-major weight matrix (one row of n floats per unit) packed for
 * multiplying it with hidden states: the rows in panels of {@link Blas#PANEL} (one SIMD register
 * of rows), each panel stored column by column, so a product broadcasts one state value and
 * multiplies a whole panel column with it in one fused multiply-add. No horizontal sums, and each
 * loaded panel column serves six states of a batch, which makes the exact softmax over a large
 * vocabulary (NCE's normaliser) compute-bound instead of load-bound.
 *
 * <p>Every row's product with a state is the same chain, whichever method computes it:
 * acc = 0; acc = fma(m[r][k], h[k], acc) for k = 0 .. n-1 ({@link Blas#chainDot} for one row of
 * the row-major matrix). A state scored alone, in a batch, or after a row was
 * {@linkplain #refreshRow refreshed} gets the same bits, so the scoring paths of a model agree.
 *
 * <p>The owner keeps the copy in step with the matrix ({@link #version}); this class only packs.
 */
final class OutputPanels {
    /** States a batched product multiplies with each loaded panel column. */
    static final int GROUP = 6;
    /** About 4,000 rows per parallel block: blocks many and even, each a few hundred KB of panels. */
    private static final int PAIRS_PER_BLOCK = 128;

    private final int n;
    private final int width;
    /** Pairs of panels: the unit of every product (two registers of rows per state). */
    private final int pairs;
    private final float[] packed;
    /** The owner's version of the matrix this copy holds. */
    final long version;

    private OutputPanels(int rows, int n, long version) {
        this.n = n;
        this.width = Blas.PANEL;
        this.pairs = (rows + 2 * width - 1) / (2 * width);
        this.packed = new float[pairs * 2 * width * n];
        this.version = version;
    }

    /** Packs rows [0, rows) of the row-major m (n columns); rows past the end are zeros. */
    static OutputPanels pack(float[] m, int rows, int n, long version) {
        OutputPanels p = new OutputPanels(rows, n, version);
        RowBlocks.forEach(rows, 4096, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                p.refreshRow(m, r);
            }
        });
        return p;
    }

    /** Copies row r of the row-major m into the panels (after the owner changed it). */
    void refreshRow(float[] m, int r) {
        int base = (r / width) * width * n + r % width;
        int src = r * n;
        for (int k = 0; k < n; k++) {
            packed[base + k * width] = m[src + k];
        }
    }

    /** The length a product's output array needs: the rows rounded up to whole pairs of panels. */
    int paddedRows() {
        return pairs * 2 * width;
    }

    /** z[r] = row r . h for every row (z holds {@link #paddedRows}; the padding gets zeros). */
    void multiply(float[] h, float[] z) {
        RowBlocks.forEach(pairs, PAIRS_PER_BLOCK, 2L * width * n, (from, to) -> {
            for (int q = from; q < to; q++) {
                Blas.panelProduct(packed, q * 2 * width * n, n, h, z, q * 2 * width);
            }
        });
    }

    /**
     * z[b][r] = row r . hs[b] for every row and b &lt; count (each z[b] holds {@link #paddedRows}):
     * the batch's states packed in groups of {@link #GROUP}, the last padded with zero states
     * (a padded group costs less than the latency-bound product of one state per pair).
     */
    void multiply(float[][] hs, int count, float[][] z) {
        int groups = (count + GROUP - 1) / GROUP;  // the last one padded with zero states
        float[] grouped = new float[groups * GROUP * n];
        float[][] out = new float[groups * GROUP][];
        float[] discarded = count % GROUP == 0 ? null : new float[paddedRows()];
        for (int b = 0; b < out.length; b++) {
            out[b] = b < count ? z[b] : discarded;
            if (b < count) {
                float[] h = hs[b];
                int o = (b / GROUP) * GROUP * n + b % GROUP;
                for (int k = 0; k < n; k++) {
                    grouped[o + k * GROUP] = h[k];
                }
            }
        }
        RowBlocks.forEach(pairs, PAIRS_PER_BLOCK, 2L * width * n * count, (from, to) -> {
            for (int q = from; q < to; q++) {
                for (int g = 0; g < groups; g++) {
                    Blas.panelProducts6(packed, q * 2 * width * n, n, grouped, g * GROUP * n, out, g * GROUP, q * 2 * width);
                }
            }
        });
    }

}
