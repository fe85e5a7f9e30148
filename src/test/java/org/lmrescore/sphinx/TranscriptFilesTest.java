package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesTrnAndCtm() throws Exception {
        List<TranscriptFiles.Hypothesis> hyps = List.of(
                new TranscriptFiles.Hypothesis("u1", List.of(new TimedWord("hello", 0.12, 0.5), new TimedWord("world", 0.51, 1.0))),
                new TranscriptFiles.Hypothesis("u2", List.of()));
        TranscriptFiles.writeTrn(dir.resolve("hyp.trn"), hyps);
        TranscriptFiles.writeCtm(dir.resolve("hyp.ctm"), hyps);
        assertEquals("hello world (u1)\n(u2)\n", Files.readString(dir.resolve("hyp.trn")));
        assertEquals("u1 1 0.12 0.38 hello\nu1 1 0.51 0.49 world\n", Files.readString(dir.resolve("hyp.ctm")));
    }
}
