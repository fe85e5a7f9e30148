package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.cli.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs that would destroy the run's own inputs are refused before any work, by every command. */
class OutputGuardTest {
    @TempDir
    Path dir;

    private static final String ARPA = String.join("\n", "\\data\\", "ngram 1=4", "", "\\1-grams:",
            "-1\t<s>\t-0.3", "-0.6\t</s>", "-0.7\tthe", "-0.8\tcat", "", "\\end\\", "");
    private static final String LATTICE = String.join("\n", "VERSION=1.0", "N=3 L=2", "I=0", "I=1 W=the", "I=2 W=cat",
            "J=0 S=0 E=1 a=-10 l=-1", "J=1 S=1 E=2 a=-10 l=-1", "");

    @Test
    void sameFileThroughALinkAndFoldersHoldingInputs() throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "the cat\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), text);
        assertThrows(InputFormatException.class, () -> OutputGuard.refuseOverwrite(link, List.of(text)));
        OutputGuard.refuseOverwrite(dir.resolve("new.txt"), List.of(text));  // a new file is fine
        Path sub = Files.createDirectories(dir.resolve("out/lattices"));
        Path lat = Files.writeString(sub.resolve("u.slf"), LATTICE);
        assertThrows(InputFormatException.class, () -> OutputGuard.refuseFolderHolding(dir.resolve("out"), List.of(lat)));
        OutputGuard.refuseFolderHolding(dir.resolve("elsewhere"), List.of(lat));
    }

    @Test
    void commandsRefuseToWriteOverTheirInputs() throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "the cat\nthe cat the\n");
        Path arpa = Files.writeString(dir.resolve("m.arpa"), ARPA);
        String textBefore = Files.readString(text);
        assertEquals(2, Main.run("train-kn", "--order", "2", "--text", text.toString(), "--arpa", text.toString(),
                "--discount-fallback"));
        assertEquals(2, Main.run("build-binary", arpa.toString(), arpa.toString()));
        assertEquals(2, Main.run("ppl", "--kn", arpa.toString(), "--text", text.toString(), "--debug", text.toString()));
        assertEquals(2, Main.run("ppl", "--kn", arpa.toString(), "--text", text.toString(), "--debug", arpa.toString()));
        assertEquals(textBefore, Files.readString(text));
        assertEquals(ARPA, Files.readString(arpa));

        Path first = Files.createDirectories(dir.resolve("r1"));
        Files.writeString(first.resolve("u1.slf"), LATTICE);
        assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", first.toString(), "--out", first.toString()));
        Path out = dir.resolve("r2");
        assertEquals(0, Main.run("rescore", "--kn", arpa.toString(), "--in", first.toString(), "--out", out.toString()));
        String nbest = Files.readString(out.resolve("nbest.tsv"));
        assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", out.resolve("nbest.tsv").toString(),
                "--out", out.toString()));
        assertEquals(2, Main.run("rescore", "--kn", arpa.toString(), "--in", out.resolve("lattices").toString(),
                "--out", out.toString()));
        assertEquals(nbest, Files.readString(out.resolve("nbest.tsv")), "the first run's outputs are intact");
        assertTrue(Files.exists(out.resolve("lattices/u1.slf.gz")));
    }
}
