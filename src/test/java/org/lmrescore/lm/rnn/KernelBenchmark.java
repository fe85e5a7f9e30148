package org.lmrescore.lm.rnn;

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
 * The kernels of the Elman layer's training step on an H x H recurrent matrix, with the kernels
 * {@link Blas} chooses (the Vector API) or, with {@code -jvmArgsAppend -Dlmrescore.kernels=scalar},
 * the plain loops: the forward product W h, the backward product W^T e, the rank-13 update of a
 * BPTT block (bptt 4 + block 10 - 1 steps) and the sigmoid of a layer. eval/rnn-matvec.sh runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    @Param({"200"})
    int size;

    private static final int RANK = 13;
    private float[] matrix;
    private float[] x;
    private float[] y;
    private float[] errors;
    private float[] inputs;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        matrix = new float[size * size];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (r.nextFloat() - 0.5f) * 0.1f;
        }
        x = new float[size];
        y = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextFloat();
        }
        errors = new float[RANK * size];
        inputs = new float[RANK * size];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = (r.nextFloat() - 0.5f) * 1e-6f;
            inputs[i] = r.nextFloat();
        }
    }

    @Benchmark
    public float[] forwardMatVec() {
        Blas.matVec(matrix, 0, size, size, x, y);
        return y;
    }

    @Benchmark
    public float[] backwardTransposedMatVec() {
        java.util.Arrays.fill(y, 0);
        Blas.transposedMatVecAdd(matrix, size, size, x, y);
        return y;
    }

    @Benchmark
    public float[] blockRankUpdate() {
        Blas.gemmUpdate(matrix, size, size, 1f, errors, inputs, RANK);
        return matrix;
    }

    @Benchmark
    public float[] sigmoidLayer() {
        System.arraycopy(x, 0, y, 0, size);
        Blas.sigmoid(y, size);
        return y;
    }
}
