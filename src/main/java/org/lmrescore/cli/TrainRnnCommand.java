package org.lmrescore.cli;

import org.lmrescore.lm.rnn.HiddenLayers;
import org.lmrescore.lm.rnn.OutputLayers;
import org.lmrescore.lm.rnn.RnnConfig;
import org.lmrescore.lm.rnn.RnnTrainer;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code train-rnn}: trains an RNN language model with the rnnlm toolkit's schedule. */
@Command(name = "train-rnn",
        description = {
                "Train a recurrent neural network language model (Mikolov's RNNLM: sigmoid Elman network, "
                        + "class-factorised softmax, optional max-ent direct connections; or a tanh/ReLU Elman, GRU or "
                        + "LSTM hidden layer) with SGD and truncated BPTT.",
                "After each epoch the validation log-likelihood decides, as in the rnnlm toolkit: worse -> restore the "
                        + "previous weights; first gain below --min-improvement -> halve the learning rate every epoch "
                        + "from then on; second time -> stop. A checkpoint MODEL.checkpoint is written after every epoch;"
                        + " rerunning the same command after an interruption resumes from it."},
        footer = {"", "Examples:",
                "  train-rnn --train train.txt --valid valid.txt --hidden 200 --class 100 --bptt 4 --bptt-block 10 --model rnn200.bin",
                "  train-rnn --train train.txt --valid valid.txt --hidden 250 --rare 5 --threads 2 --model rnn250-5.bin",
                "  train-rnn --train train.txt --valid valid.txt --hidden 300 --output hs --shuffle --threads 2 --model rnn300-hs.bin",
                "  train-rnn --train train.txt --valid valid.txt --hidden 100 --direct 10000000 --direct-order 3 --model rnnme.bin",
                "  train-rnn --train train.txt --valid valid.txt --hidden 200 --hidden-type lstm --model lstm200.bin",
                "  train-rnn --train train.txt --valid valid.txt --hidden 100 --hidden-type gru --layers 2 --model gru2x100.bin"})
public final class TrainRnnCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training text, one sentence per line.")
    Path train;

    @Option(names = "--valid", required = true, paramLabel = "FILE", description = "Validation text for the learning-rate schedule.")
    Path valid;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Output model file (.bin).")
    Path model;

    @Option(names = "--hidden", defaultValue = "200", description = "Hidden layer size (default: ${DEFAULT-VALUE}).", paramLabel = "H")
    int hidden;

    @Option(names = "--hidden-type", defaultValue = "sigmoid", paramLabel = "TYPE",
            description = {"Hidden layer: sigmoid (RNNLM's Elman network), tanh or relu (Elman; relu truncated at 20, recurrent "
                    + "matrix started near 0.9 I), gru or lstm (default: ${DEFAULT-VALUE}). The model file records it."})
    String hiddenType;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "N",
            description = "Stacked hidden layers of the same type and size (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--output", defaultValue = "class", paramLabel = "TYPE",
            description = {"Output layer: class (rnnlm's class-factorised softmax), hs (hierarchical softmax over a Huffman "
                    + "tree of word frequencies, as faster-rnnlm: far faster at large vocabularies) or nce (noise-contrastive "
                    + "estimation, trained unnormalised and scored by an exact softmax) (default: ${DEFAULT-VALUE})."})
    String output;

    @Option(names = "--nce-samples", defaultValue = "20", paramLabel = "K",
            description = "Noise samples per word for --output nce (default: ${DEFAULT-VALUE}).")
    int nceSamples;

    @Option(names = "--shuffle",
            description = "Train each epoch on the text's blocks of sentences in a new seeded random order, so the model "
                    + "does not depend on the order of the corpus (rnnlm reads it in order).")
    boolean shuffle;

    @Option(names = "--class", defaultValue = "100", description = "Number of word classes of --output class (default: ${DEFAULT-VALUE}).", paramLabel = "C")
    int classes;

    @Option(names = "--old-classes", description = "Bin classes by frequency instead of sqrt frequency (rnnlm -old-classes).")
    boolean oldClasses;

    @Option(names = "--bptt", defaultValue = "4", description = "BPTT steps (default: ${DEFAULT-VALUE}).", paramLabel = "STEPS")
    int bptt;

    @Option(names = "--bptt-block", defaultValue = "10", description = "Words between BPTT updates (default: ${DEFAULT-VALUE}).", paramLabel = "WORDS")
    int bpttBlock;

    @Option(names = "--direct", defaultValue = "0", paramLabel = "SIZE",
            description = "Size of the max-ent direct connection hash table in weights (0 = none; default: ${DEFAULT-VALUE}).")
    long direct;

    @Option(names = "--direct-order", defaultValue = "3", description = "N-gram order of direct connections, 1-4 (default: ${DEFAULT-VALUE}).", paramLabel = "N")
    int directOrder;

    @Option(names = "--rare", defaultValue = "0", paramLabel = "T",
            description = "Words seen fewer than T times share one rare-word unit (default: ${DEFAULT-VALUE} = none).")
    int rare;

    @Option(names = "--alpha", paramLabel = "RATE",
            description = "Starting learning rate (default: 0.1; 0.005 for tanh and relu, which diverge at 0.1 and 0.02; "
                    + "0.02 for stacked gru and lstm layers).")
    Double alpha;

    @Option(names = "--beta", defaultValue = "1e-7", description = "L2 regularisation (default: ${DEFAULT-VALUE}).", paramLabel = "L2")
    double beta;

    @Option(names = "--min-improvement", defaultValue = "1.003",
            description = "Relative validation gain below which halving starts / training stops (default: ${DEFAULT-VALUE}).", paramLabel = "RATIO")
    double minImprovement;

    @Option(names = "--gradient-clip", defaultValue = "15", description = "Bound on hidden-layer errors (default: ${DEFAULT-VALUE}).", paramLabel = "BOUND")
    double clip;

    @Option(names = "--independent", description = "Reset the hidden state at every sentence end.")
    boolean independent;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the initial weights (default: ${DEFAULT-VALUE}).", paramLabel = "N")
    long seed;

    @Option(names = "--max-epochs", defaultValue = "100", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).", paramLabel = "N")
    int maxEpochs;

    @Option(names = "--threads", defaultValue = "1", description = "Training threads, lock-free (default: ${DEFAULT-VALUE}).", paramLabel = "N")
    int threads;

    @Override
    public void run() {
        RnnConfig config;
        try {
            if (!OutputLayers.TYPES.contains(output)) {
                throw new InputFormatException("--output must be one of " + String.join(", ", OutputLayers.TYPES)
                        + ", not '" + output + "'");
            }
            if (!HiddenLayers.TYPES.contains(hiddenType)) {
                throw new InputFormatException("--hidden-type must be one of " + String.join(", ", HiddenLayers.TYPES)
                        + ", not '" + hiddenType + "'");
            }
            double rate = alpha != null ? alpha : HiddenLayers.startingRate(hiddenType, layers);
            config = new RnnConfig(hiddenType, hidden, classes, !oldClasses, bptt, bpttBlock, direct, directOrder, rare,
                    rate, beta, minImprovement, clip, independent, seed, maxEpochs, layers, output, nceSamples, shuffle);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
        org.lmrescore.util.AtomicOutput.checkReplaceable(model);
        org.lmrescore.util.OutputGuard.refuseOverwrite(model, java.util.List.of(train, valid));
        org.lmrescore.util.OutputGuard.refuseOverwrite(org.lmrescore.lm.rnn.RnnTrainer.checkpointOf(model), java.util.List.of(train, valid));
        if (threads < 1) {
            throw new InputFormatException("--threads must be >= 1");
        }
        new RnnTrainer(config, train, valid, model, threads, line -> {
            org.lmrescore.util.Progress.clearLine();
            System.out.println(line);
            System.out.flush();
        }).run();
        System.out.println("wrote " + model);
    }
}
