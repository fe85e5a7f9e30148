package org.lmrescore.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WerCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void malformedHypothesisExitsWithStatusTwoAndNamesFileAndLine() throws IOException {
        Path ref = file("ref.trn", "a b (u1)\nc d (u2)\n");
        Path hyp = file("hyp.trn", "a b (u1)\nc d\n");
        int status = Main.run("wer", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertEquals(2, status);
        assertTrue(err().contains("wer: error: " + hyp + ":2: expected an sclite trn line 'words (uttid)'"), err());
        assertFalse(err().contains("Exception"), err());
    }

    /** sclite folds case unless told -s; so does wer, and --case-sensitive counts the difference. */
    @Test
    void caseIsFoldedByDefaultAsInSclite() throws IOException {
        Path ref = file("ref.trn", "Hello World (u1)\n");
        Path hyp = file("hyp.trn", "hello WORLD (u1)\n");
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--json"));
        assertTrue(out().contains("\"err\": 0,"), out());
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--json", "--case-sensitive"));
        assertTrue(out().contains("\"err\": 2,"), out());
    }

    @Test
    void jsonHasTheStableFieldNames() throws IOException {
        Path ref = file("ref.trn", "a b c d (u1)\n");
        Path hyp = file("hyp.trn", "a x c (u1)\n");
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--json"));
        String json = out().strip();
        assertTrue(json.startsWith("{\"n\": 4, \"corr\": 2, \"sub\": 1, \"del\": 1, \"ins\": 0, \"err\": 2, \"wer\": 50.0, "
                + "\"sentences\": 1, \"sentence_errors\": 1, \"ser\": 100.0"), json);
        assertTrue(json.endsWith("}") && json.lines().count() == 1, json);
    }

    @Test
    void missingHypothesisCountsAsDeletionsInTheTextReportAndAlignments() throws IOException {
        Path ref = file("ref.trn", "a b (u1)\nc d (u2)\n");
        Path hyp = file("hyp.mlf", "#!MLF!#\n\"*/u1.rec\"\n0 10 a\n10 20 b\n.\n");
        Path pra = dir.resolve("out.pra");
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--pra", pra.toString()));
        // (the warning naming u2 goes to the log on stderr)
        assertTrue(out().contains("WER 50.00% [ 2 / 4, 0 sub, 2 del, 0 ins ]"), out());
        assertTrue(Files.readString(pra).contains("id: (u2)  [no hypothesis]"));
    }

    @Test
    void twoSystemsAreComparedWithBothTests() throws IOException {
        Path ref = file("ref.trn", "a b c (u1)\nd e f (u2)\n");
        Path a = file("a.trn", "a x c (u1)\nd e f (u2)\n");
        Path b = file("b.trn", "a b c (u1)\nd e f (u2)\n");
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", a.toString(), "--hyp2", b.toString()));
        assertTrue(out().contains("MAPSSWE"), out());
        assertTrue(out().contains("McNemar"), out());
        assertEquals(0, Main.run("wer", "--ref", ref.toString(), "--hyp", a.toString(), "--hyp2", b.toString(), "--json"));
        assertTrue(out().contains("\"significance\": {\"alpha\": 0.05, \"mapsswe\": {"), out());
    }

    @Test
    void helpHasExamples() {
        assertEquals(0, Main.run("wer", "--help"));
        assertTrue(out().contains("Examples:"), out());
        assertTrue(out().contains("  wer --ref ref.trn --hyp hyp.trn --json"), out());
    }
}
