package org.lmrescore.lm.rnn;

import java.util.List;
import java.util.Random;

/** Creates hidden layers by cell name; the one place a new cell type is registered. */
public final class HiddenLayers {
    /** Cell types this build can train and load. */
    public static final List<String> TYPES = List.of("sigmoid", "tanh", "relu", "gru", "lstm");

    private HiddenLayers() {
    }

    /**
     * The starting learning rate that trains this network with plain SGD: rnnlm's 0.1, except
     * tanh and ReLU Elman layers (slope up to 1 instead of the sigmoid's 1/4), which diverge at 0.1
     * and 0.02 on brown-asr (H=200: the recurrent weights grow until the units saturate) and train
     * at 0.005; and stacked GRU/LSTM layers, whose dense input matrices take updates |x|^2 times
     * larger than a one-hot row (a 2-layer GRU diverges at 0.1, trains at 0.02).
     */
    public static double startingRate(String type, int layers) {
        if (type.equals("tanh") || type.equals("relu")) {
            return 0.005;
        }
        return layers > 1 && (type.equals("gru") || type.equals("lstm")) ? 0.02 : 0.1;
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

    /** A randomly initialised stack of {@code layers} layers of one type (a single layer for 1). */
    public static HiddenLayer create(String type, int units, int size, int layers, Random random) {
        return stack(create(type, units, size, random), type, size, layers, random);
    }

    /** A zero stack whose weights a model file fills in. */
    public static HiddenLayer empty(String type, int units, int size, int layers) {
        return stack(empty(type, units, size), type, size, layers, null);
    }

    /** {@code bottom} under {@code layers - 1} layers of {@code type}, randomised bottom-up unless {@code random} is null. */
    private static HiddenLayer stack(HiddenLayer bottom, String type, int size, int layers, Random random) {
        if (layers == 1) {
            return bottom;
        }
        List<GatedLayer> upper = new java.util.ArrayList<>();
        for (int i = 1; i < layers; i++) {
            GatedLayer g = stacked(type, size);
            if (random != null) {
                g.randomise(random);
            }
            upper.add(g);
        }
        return new StackedLayer(bottom, upper);
    }

    /** A layer of {@code type} fed by a layer of the same size below it. */
    private static GatedLayer stacked(String type, int size) {
        return switch (type) {
            case "sigmoid" -> new StackedElman(Activation.SIGMOID, size, size);
            case "tanh" -> new StackedElman(Activation.TANH, size, size);
            case "relu" -> new StackedElman(Activation.RELU, size, size);
            case "gru" -> new GruLayer(0, size, size);
            case "lstm" -> new LstmLayer(0, size, size);
            default -> throw new IllegalArgumentException("unknown hidden layer type: " + type);
        };
    }

    /** A zero layer whose weights a model file fills in. */
    public static HiddenLayer empty(String type, int units, int size) {
        return switch (type) {
            case "sigmoid" -> new ElmanLayer(Activation.SIGMOID, units, size);
            case "tanh" -> new ElmanLayer(Activation.TANH, units, size);
            case "relu" -> new ElmanLayer(Activation.RELU, units, size);
            case "gru" -> new GruLayer(units, size, 0);
            case "lstm" -> new LstmLayer(units, size, 0);
            default -> throw new IllegalArgumentException("unknown hidden layer type: " + type);
        };
    }
}
