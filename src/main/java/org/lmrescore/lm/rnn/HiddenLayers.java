package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/** Creates hidden layers by cell name; the one place a new cell type is registered. */
public final class HiddenLayers {
    /** Cell types this build can train and load. */
    public static final List<String> TYPES = List.of("sigmoid", "tanh", "relu", "gru", "lstm");

    private HiddenLayers() {
    }

    /** A randomly initialised layer. */
    public static HiddenLayer create(String type, int units, int size, Random random) {
        return switch (type) {
            case "sigmoid" -> ElmanLayer.random(Activation.SIGMOID, units, size, random);
            case "tanh" -> ElmanLayer.random(Activation.TANH, units, size, random);
            case "relu" -> ElmanLayer.random(Activation.RELU, units, size, random);
            case "gru" -> GruLayer.random(units, size, random);
            case "lstm" -> LstmLayer.random(units, size, random);
            default -> throw new IllegalArgumentException("unknown hidden layer type: " + type);
        };
    }

    /** A zero layer whose weights a model file fills in. */
    public static HiddenLayer empty(String type, int units, int size) {
        return switch (type) {
            case "sigmoid" -> new ElmanLayer(Activation.SIGMOID, units, size);
            case "tanh" -> new ElmanLayer(Activation.TANH, units, size);
            case "relu" -> new ElmanLayer(Activation.RELU, units, size);
            case "gru" -> new GruLayer(units, size);
            case "lstm" -> new LstmLayer(units, size);
            default -> throw new IllegalArgumentException("unknown hidden layer type: " + type);
        };
    }
}
