package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputFilesTest {

    @Test
    void aDecodeFolderGivesOneFilePerUtteranceAndSkipsTranscripts(@TempDir Path dir) throws IOException {
        for (String name : List.of("a.lat.gz", "a.slf.gz", "a.nbest", "b.nbest", "b.lat",
                "ref.trn", "hyp.ctm", "summary.json", "list.tsv", "slf.list", "README.md")) {
            Files.writeString(dir.resolve(name), "x\n");
        }
        List<Path> files = InputFiles.resolve(dir);
        assertEquals(List.of(dir.resolve("a.slf.gz"), dir.resolve("b.lat")), files);
    }

    @Test
    void aListFileNamesPathsRelativeToItsFolder(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("lats"));
        Files.writeString(sub.resolve("u1.slf"), "VERSION=1.0\n");
        Files.writeString(sub.resolve("u2.slf"), "VERSION=1.0\n");
        Path list = Files.writeString(dir.resolve("all.list"), "# two lattices\nlats/u2.slf\n\nlats/u1.slf\n");
        assertEquals(List.of(sub.resolve("u2.slf"), sub.resolve("u1.slf")),
                InputFiles.resolve(list).stream().map(Path::normalize).toList());
    }

    @Test
    void aListedFileThatIsMissingIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("u1.slf"), "VERSION=1.0\n");
        Path list = Files.writeString(dir.resolve("all.list"), "u1.slf\nu9.slf\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> InputFiles.resolve(list));
        assertTrue(e.getMessage().startsWith(list + ":2: listed file does not exist"), e.getMessage());
    }
}
