package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    @TempDir
    Path dir;

    private static final Predicate<String> OWNS = f -> f.equals("best.trn") || f.startsWith("lattices/");

    private Path write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void newOrEmptyFoldersAreTaken() throws Exception {
        RunFolder.claim(dir.resolve("new"), "rescore", OWNS);
        Files.createDirectories(dir.resolve("empty"));
        RunFolder.claim(dir.resolve("empty"), "rescore", OWNS);
        write("file", "x");
        assertThrows(InputFormatException.class, () -> RunFolder.claim(dir.resolve("file"), "rescore", OWNS));
    }

    @Test
    void anEarlierRunsFilesAreRemovedSoNothingStaleMixesIn() throws Exception {
        write("best.trn", "a (u1)\n");
        write("lattices/u1.slf.gz", "old");
        write("lattices/u2.slf.gz", "old");
        write("lattices/.u3.slf.gz.123.tmp", "a killed writer's");  // not a result: ignored
        write(RunFolder.SUMMARY, "{\"utterances\": 2, \"command\": \"rescore\", \"files\": [\"best.trn\"]}\n");
        RunFolder.claim(dir, "rescore", OWNS);
        assertEquals(List.of(), RunFolder.files(dir, f -> true));
        write("best.trn", "b (u1)\n");
        write("lattices/u1.slf.gz", "new");
        assertEquals(List.of("best.trn", "lattices/u1.slf.gz"), RunFolder.files(dir, OWNS));
    }

    @Test
    void foldersOfAnotherCommandOrWithOtherFilesAreRefusedUntouched() throws Exception {
        Path decode = write("dec/" + RunFolder.SUMMARY, "{\"decoded\": 3, \"command\": \"decode\"}\n");
        write("dec/best.trn", "a (u1)\n");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> RunFolder.claim(decode.getParent(), "rescore", OWNS));
        assertTrue(e.getMessage().contains("'decode' run's"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("dec/best.trn")));

        write("mine/" + RunFolder.SUMMARY, "{\"command\": \"rescore\"}");
        write("mine/best.trn", "a (u1)\n");
        Path notes = write("mine/notes.txt", "the user's");
        e = assertThrows(InputFormatException.class, () -> RunFolder.claim(dir.resolve("mine"), "rescore", OWNS));
        assertTrue(e.getMessage().startsWith(notes + ":"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("mine/best.trn")) && Files.exists(notes), "nothing removed");

        write("old/" + RunFolder.SUMMARY, "{\"utterances\": 2}");  // no command: not provably a rescore run's
        e = assertThrows(InputFormatException.class, () -> RunFolder.claim(dir.resolve("old"), "rescore", OWNS));
        assertTrue(e.getMessage().contains("names no command"), e.getMessage());
        write("garbage/" + RunFolder.SUMMARY, "\u0000\u0001 not json");
        assertThrows(InputFormatException.class, () -> RunFolder.claim(dir.resolve("garbage"), "rescore", OWNS));
        write("plain/list.txt", "u1 a b");
        e = assertThrows(InputFormatException.class, () -> RunFolder.claim(dir.resolve("plain"), "rescore", OWNS));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
