package org.lmrescore.lm.rnn;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Why the network uses its own loops rather than EJML: the matrix-vector products of one word
 * (rows x 200, rows = 100 classes or 200 hidden units) with {@link Blas}'s row dot products, with
 * the transposed product over a transposed copy, and with EJML's {@code CommonOps_FDRM.mult}
 * (without the Vector API module: {@link Blas}'s plain loops; {@link KernelBenchmark} compares
 * those with the Vector API kernels). Run with
 * {@code java -cp "$(eval/test-classpath.sh)" org.openjdk.jmh.Main MatVecBenchmark} (eval/rnn-matvec.sh).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MatVecBenchmark {
    @Param({"100", "200"})
    int rows;

    private static final int COLS = 200;
    private float[] matrix;
    private float[] transposed;
    private float[] x;
    private float[] y;
    private FMatrixRMaj ejmlMatrix;
    private FMatrixRMaj ejmlX;
    private FMatrixRMaj ejmlY;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        matrix = new float[rows * COLS];
        transposed = new float[rows * COLS];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = r.nextFloat() - 0.5f;
        }
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < COLS; i++) {
                transposed[i * rows + j] = matrix[j * COLS + i];
            }
        }
        x = new float[COLS];
        for (int i = 0; i < COLS; i++) {
            x[i] = r.nextFloat();
        }
        y = new float[rows];
        ejmlMatrix = new FMatrixRMaj(rows, COLS, true, matrix);
        ejmlX = new FMatrixRMaj(COLS, 1, true, x);
        ejmlY = new FMatrixRMaj(rows, 1);
    }

    @Benchmark
    public float[] rowDotProducts() {
        for (int j = 0; j < rows; j++) {
            y[j] = Blas.dot(matrix, j * COLS, x, COLS);
        }
        return y;
    }

    @Benchmark
    public float[] transposedAxpy() {
        java.util.Arrays.fill(y, 0);
        Blas.transposedMatVecAdd(transposed, COLS, rows, x, y);
        return y;
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        CommonOps_FDRM.mult(ejmlMatrix, ejmlX, ejmlY);
        return ejmlY;
    }
}
