package org.lmrescore.lm.rnn;

/**
 * A named array of trained weights. Model files store blocks in order by name and length, so
 * the file format does not depend on the cell type; checkpoints and the "restore the previous
 * epoch" rule copy blocks without knowing what they mean.
 */
public record WeightBlock(String name, float[] values) {
}
