package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmrescore.lm.LmState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every cell type trains through the shared trainer, and its model file says what it is. */
class ArchitecturesTest {
    @TempDir
    Path dir;

    /** tanh and ReLU need a smaller rate than rnnlm's 0.1 (HiddenLayers.startingRate); on this tiny network 0.03 is enough. */
    private static double rate(String type) {
        return HiddenLayers.startingRate(type, 1) < 0.1 ? 0.03 : 0.1;
    }

    @ParameterizedTest
    @CsvSource({"tanh,1", "relu,1", "gru,1", "lstm,1", "sigmoid,2", "lstm,2"})
    void trainsSavesAndReloadsWithoutFlags(String type, int layers) {
        Path train = RnnTestData.toyText(dir, "train.txt", 300, 1);
        Path valid = RnnTestData.toyText(dir, "valid.txt", 50, 2);
        RnnConfig config = RnnConfig.defaults().withHidden(8).withClasses(4).withBptt(3, 5).withHiddenType(type).withLayers(layers)
                .withTraining(rate(type), 1e-7, 1.003, 15, false, 5, layers > 1 ? 12 : 6);
        Path model = dir.resolve(type + ".bin");
        List<String> log = new ArrayList<>();
        List<RnnTrainer.Epoch> epochs = new RnnTrainer(config, train, valid, model, 1, log::add).run();
        // The toy grammar's entropy: 8.30 bits per sentence of 6.25 tokens, 1.33 bits per token;
        // uniform over its 24 words is 4.58 bits. Six epochs of a tiny network (twelve for a stack, which learns slower) get well below halfway.
        double last = epochs.get(epochs.size() - 1).validEntropy();
        assertTrue(last < 2.7, type + " learnt the toy grammar: " + log);

        RnnModel back = RnnModels.load(model);
        assertEquals(type, back.hidden().type());
        assertEquals(type, back.config().hiddenType());
        assertEquals(layers, back.config().layers());
        RnnLanguageModel lm = new RnnLanguageModel(back);
        LmState s = lm.start();
        double sum = 0;
        for (int w = 0; w < lm.vocabulary().size(); w++) {
            sum += Math.exp(lm.logProb(s, w));
        }
        assertEquals(1.0, sum, 1e-4, "normalised after </s>");
        // the validation pass of the reloaded model gives the last kept epoch's figure
        TextPass pass = RnnTrainer.validate(back, Corpus.read(valid, back.vocabulary()));
        double bits = -pass.logLikelihood / pass.scored / Math.log(2);
        double best = epochs.stream().filter(RnnTrainer.Epoch::kept).mapToDouble(RnnTrainer.Epoch::validEntropy).min().orElseThrow();
        assertEquals(best, bits, 1e-4);
        assertArrayEquals(new int[] {back.hidden().stateSize()}, new int[] {back.startState().length});
    }
}
