package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packed products against one row-major chain per row ({@link Blas#chainDot}), bit for bit,
 * and against the textbook dot product in double: row counts off the panel width, columns off
 * the vector width, batches of every size around the group of six.
 */
class OutputPanelsTest {
    private final Random random = new Random(5);

    private float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void singleAndBatchedProductsAreTheRowChainBitForBit() {
        for (int rows : new int[] {1, 15, 16, 17, 5_001}) {
            for (int n : new int[] {1, 7, 8, 37, 200}) {
                float[] m = vector(rows * n);
                OutputPanels p = OutputPanels.pack(m, rows, n, 0);
                for (int count : new int[] {1, 2, 5, 6, 7, 13}) {
                    float[][] hs = new float[count][];
                    float[][] z = new float[count][p.paddedRows()];
                    for (int b = 0; b < count; b++) {
                        hs[b] = vector(n);
                    }
                    p.multiply(hs, count, z);
                    for (int b = 0; b < count; b++) {
                        float[] single = new float[p.paddedRows()];
                        p.multiply(hs[b], single);
                        for (int r = 0; r < rows; r++) {
                            float chain = Blas.chainDot(m, r * n, hs[b], n);
                            String at = "rows " + rows + " n " + n + " count " + count + " b " + b + " r " + r;
                            assertEquals(chain, z[b][r], 0f, at);
                            assertEquals(chain, single[r], 0f, at);
                            double exact = 0;
                            for (int k = 0; k < n; k++) {
                                exact += (double) m[r * n + k] * hs[b][k];
                            }
                            assertEquals(exact, z[b][r], 1e-5 * (1 + Math.sqrt(n)), at);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRefreshedRowIsMultipliedWithItsNewValues() {
        int rows = 40;
        int n = 13;
        float[] m = vector(rows * n);
        OutputPanels p = OutputPanels.pack(m, rows, n, 0);
        for (int k = 0; k < n; k++) {
            m[17 * n + k] = 2 * k - 5;
        }
        p.refreshRow(m, 17);
        float[] h = vector(n);
        float[] z = new float[p.paddedRows()];
        p.multiply(h, z);
        for (int r = 0; r < rows; r++) {
            assertEquals(Blas.chainDot(m, r * n, h, n), z[r], 0f, "row " + r);
        }
    }
}
