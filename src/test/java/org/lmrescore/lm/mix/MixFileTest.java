package org.lmrescore.lm.mix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsWeightsKindsAndPaths() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path elsewhere = Files.createDirectories(dir.resolve("other"));
        List<MixComponent> mix = List.of(
                new MixComponent(0.1234567891, MixComponent.Kind.RNN, models.resolve("a.bin")),
                new MixComponent(0.5, MixComponent.Kind.RNN, elsewhere.resolve("b b.bin")),
                new MixComponent(0.25, MixComponent.Kind.KN, Path.of("classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin")));
        Path file = models.resolve("brown.mix");
        MixFile.write(file, mix, List.of("tuned on dev.txt"));
        List<String> lines = Files.readAllLines(file);
        assertEquals("# tuned on dev.txt", lines.get(0));
        assertEquals("0.1234567891\trnn\ta.bin", lines.get(1), "a model beside the mix file is named relatively");
        assertTrue(lines.get(2).endsWith("\trnn\t" + elsewhere.resolve("b b.bin")), lines.get(2));
        assertEquals("0.2500000000\tkn\tclasspath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin", lines.get(3));
        assertEquals(mix, MixFile.read(file));

        // moved together with its models, the file still finds them
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Files.move(file, moved.resolve("brown.mix"));
        assertEquals(moved.resolve("a.bin"), MixFile.read(moved.resolve("brown.mix")).get(0).path());
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        assertError("0.5\trnn\ta.bin\n0.5 kn k.arpa\n", 2, "3 tab-separated fields");
        assertError("# c\n\nhalf\trnn\ta.bin\n", 3, "not a number");
        assertError("-0.5\trnn\ta.bin\n", 1, ">= 0");
        assertError("0.5\tlstm\ta.bin\n", 1, "not one of rnn, kn");
        assertError("0.5\tkn\t \n", 1, "empty model path");
        assertError("# nothing\n", 1, "at least one");
        assertError("0\tkn\tk.arpa\n", 0, "every weight is 0");
    }

    private void assertError(String content, long line, String message) throws Exception {
        Path f = dir.resolve("bad.mix");
        Files.writeString(f, content);
        InputFormatException e = assertThrows(InputFormatException.class, () -> MixFile.read(f));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
