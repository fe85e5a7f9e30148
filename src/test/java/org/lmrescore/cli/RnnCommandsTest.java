package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RnnCommandsTest {
    @TempDir
    Path dir;

    private Path text(String name, int sentences, long seed) throws Exception {
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "home", "fast"};
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            StringBuilder s = new StringBuilder("the");
            for (int k = 0; k < 3 + r.nextInt(4); k++) {
                s.append(' ').append(words[r.nextInt(words.length)]);
            }
            lines.add(s.toString());
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return status + "\n" + buffer.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    /** The model may not be an input, nor a link or device that the rename would replace. */
    @Test
    void trainRefusesAnOutputThatIsAnInputOrNotARegularFile() throws Exception {
        Path train = text("train.txt", 50, 1);
        Path valid = text("valid.txt", 10, 2);
        String before = Files.readString(train);
        String out = run("train-rnn", "--train", train.toString(), "--valid", valid.toString(), "--hidden", "4",
                "--output", "hs", "--model", train.toString(), "--max-epochs", "1");
        assertTrue(out.startsWith("2\n"), out);
        assertEquals(before, Files.readString(train), "the training text is intact");
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), valid);
        out = run("train-rnn", "--train", train.toString(), "--valid", valid.toString(), "--hidden", "4",
                "--model", link.toString(), "--max-epochs", "1");
        assertTrue(out.startsWith("2\n"), out);
        assertTrue(Files.isSymbolicLink(link), "the link was not replaced");
        out = run("train-rnn", "--train", train.toString(), "--valid", valid.toString(), "--hidden", "4",
                "--model", "/dev/null", "--max-epochs", "1");
        assertTrue(out.startsWith("2\n"), out);
        assertTrue(!Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
    }

    /** A run whose model diverges stops with a message and writes no model. */
    @Test
    void trainRefusesToSaveADivergedModel() throws Exception {
        Path train = text("train.txt", 200, 1);
        Path valid = text("valid.txt", 20, 2);
        Path model = dir.resolve("diverged.bin");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String out;
        try {
            out = run("train-rnn", "--train", train.toString(), "--valid", valid.toString(), "--hidden", "8",
                    "--hidden-type", "relu", "--alpha", "1000", "--model", model.toString(), "--max-epochs", "2");
        } finally {
            System.setErr(oldErr);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("2\n"), out + message);
        assertTrue(message.contains("training diverged in epoch 0") && message.contains("--alpha"), message);
        assertTrue(!message.contains("Exception"), message);
        assertTrue(!Files.exists(model), "no model written");
    }

    @Test
    void trainScoreGenerateExportAndRefuseABrokenModel() throws Exception {
        Path train = text("train.txt", 300, 1);
        Path valid = text("valid.txt", 40, 2);
        Path model = dir.resolve("m.bin");
        String out = run("train-rnn", "--train", train.toString(), "--valid", valid.toString(), "--hidden", "6",
                "--class", "3", "--model", model.toString(), "--max-epochs", "3");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("epoch  0  alpha 0.100000"), out);
        assertTrue(Files.exists(model));

        out = run("rnn", "--model", model.toString(), "--text", valid.toString(), "--json");
        assertTrue(out.startsWith("0\n{\"sentences\": 40,"), out);
        out = run("rnn", "--model", model.toString(), "--gen", "20");
        assertTrue(out.startsWith("0\n") && out.contains("the"), out);
        Path exported = dir.resolve("m.txt");
        out = run("rnn", "--model", model.toString(), "--export", exported.toString());
        assertTrue(Files.readString(exported).startsWith("version: 10\n"), out);
        String a = run("rnn", "--model", model.toString(), "--text", valid.toString());
        String b = run("rnn", "--model", exported.toString(), "--text", valid.toString());
        assertEquals(a, b, "the exported model scores the same");

        byte[] bytes = Files.readAllBytes(model);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(Main.EXIT_BAD_INPUT, Main.run("rnn", "--model", cut.toString(), "--text", valid.toString()));
    }
}
