package org.lmrescore.lm.rnn;

/** The Vector API's register width, kept apart so {@link Blas} can name it without loading the kernels eagerly. */
final class VectorKernelsInfo {
    private VectorKernelsInfo() {
    }

    static int bits() {
        return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
