package org.lmrescore.lm;

/**
 * What a model remembers of the words it has read: an n-gram context, an RNN hidden vector.
 * States are immutable values; two states of the same model that are {@code equals} give the
 * same probabilities, which lets a lattice expander or a prefix tree share them.
 */
public interface LmState {
}
