package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/** Creates hidden layers by cell name; the one place a new cell type is registered. */
public final class HiddenLayers {
    /** Cell types this build can train and load. */
    public static final List<String> TYPES = List.of("sigmoid");

    private HiddenLayers() {
    }

    /** A randomly initialised layer. */
    public static HiddenLayer create(String type, int units, int size, Random random) {
        if (type.equals("sigmoid")) {
            return SigmoidElman.random(units, size, random);
        }
        throw new IllegalArgumentException("unknown hidden layer type: " + type);
    }

    /** A zero layer whose weights a model file fills in. */
    public static HiddenLayer empty(String type, int units, int size) {
        if (type.equals("sigmoid")) {
            return new SigmoidElman(units, size);
        }
        throw new IllegalArgumentException("unknown hidden layer type: " + type);
    }
}
