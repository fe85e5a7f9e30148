package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeTest {
    @TempDir
    Path dir;

    /** Every output layer, and a shuffled text (each epoch in its own order), resume bit for bit. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"class,false", "hs,true", "nce,true"})
    void interruptedTrainingResumesToTheSameModel(String output, boolean shuffle) {
        Path train = RnnTestData.toyText(dir, "train.txt", 400, 1);
        Path valid = RnnTestData.toyText(dir, "valid.txt", 60, 2);
        RnnConfig config = RnnConfig.defaults().withHidden(8).withClasses(4).withBptt(3, 5)
                .withTraining(0.1, 1e-7, 1.003, 15, false, 5, 6).withOutput(output, 5).withShuffle(shuffle);
        Path whole = dir.resolve("whole.bin");
        List<String> wholeLog = new ArrayList<>();
        List<RnnTrainer.Epoch> epochs = new RnnTrainer(config, train, valid, whole, 1, wholeLog::add).run();
        assertTrue(epochs.size() >= 3, "several epochs: " + wholeLog);
        assertTrue(epochs.get(epochs.size() - 1).validEntropy() < epochs.get(0).validEntropy(), "training helped: " + wholeLog);

        Path resumed = dir.resolve("resumed.bin");
        RnnTrainer first = new RnnTrainer(config, train, valid, resumed, 1, line -> { });
        first.interruptAfterEpochs = 2;
        first.run();
        assertFalse(Files.exists(resumed), "no model yet after the interruption");
        assertTrue(Files.exists(RnnTrainer.checkpointOf(resumed)));
        List<String> log = new ArrayList<>();
        new RnnTrainer(config, train, valid, resumed, 1, log::add).run();
        assertTrue(log.get(0).startsWith("resuming from"), log.get(0));
        assertFalse(Files.exists(RnnTrainer.checkpointOf(resumed)), "checkpoint removed when done");

        RnnModel a = ModelFile.read(whole);
        RnnModel b = ModelFile.read(resumed);
        assertEquals(a.weights().size(), b.weights().size());
        for (int i = 0; i < a.weights().size(); i++) {
            assertArrayEquals(a.weights().get(i).values(), b.weights().get(i).values(), a.weights().get(i).name());
        }
        // the epochs after the interruption print the same figures as the uninterrupted run
        List<String> tail = wholeLog.subList(wholeLog.size() - (log.size() - 2), wholeLog.size());
        for (int i = 0; i < tail.size(); i++) {
            assertEquals(strip(tail.get(i)), strip(log.get(i + 2)));
        }
    }

    /** An epoch line without its timing figures. */
    private static String strip(String line) {
        int cut = line.indexOf("ppl", line.indexOf("valid"));
        return line.substring(0, cut + 14);
    }
}
