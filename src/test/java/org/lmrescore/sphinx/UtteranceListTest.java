package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UtteranceListTest {
    @TempDir
    Path dir;

    @Test
    void folderGivesItsWavFilesSortedWithIdsFromNames() throws Exception {
        Files.createFile(dir.resolve("b.wav"));
        Files.createFile(dir.resolve("a.WAV"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createFile(dir.resolve("paren(1).wav"));  // listed; the decoder skips it, not the whole folder
        List<Utterance> list = UtteranceList.read(dir);
        assertEquals(List.of(new Utterance("a", dir.resolve("a.WAV")), new Utterance("b", dir.resolve("b.wav")),
                new Utterance("paren(1)", dir.resolve("paren(1).wav"))), list);
    }

    @Test
    void listAcceptsPathsAndIdTabPathLinesRelativeToItself() throws Exception {
        Path list = dir.resolve("list.tsv");
        Files.writeString(list, "# comment\n\nwav/x1.wav\nutt2\twav/y.wav\tsome reference words\n/abs/z.wav\n");
        assertEquals(List.of(new Utterance("x1", dir.resolve("wav/x1.wav")),
                new Utterance("utt2", dir.resolve("wav/y.wav")),
                new Utterance("z", Path.of("/abs/z.wav"))), UtteranceList.read(list));
    }

    @Test
    void duplicateIdsAndBadIdsNameTheLine() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "a/u.wav\nb/u.wav\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> UtteranceList.read(list));
        assertEquals(list + ":2: utterance id 'u' already used at line 1", e.getMessage());

        Files.writeString(list, "bad id\tu.wav\n");
        assertEquals(list + ":1: utterance id 'bad id' must not contain blanks, '/' or parentheses",
                assertThrows(InputFormatException.class, () -> UtteranceList.read(list)).getMessage());

        Path none = dir.resolve("none");
        assertEquals(none + ": no such folder or list file",
                assertThrows(InputFormatException.class, () -> UtteranceList.read(none)).getMessage());
    }
}
