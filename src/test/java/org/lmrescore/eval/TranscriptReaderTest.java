package org.lmrescore.eval;

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

class TranscriptReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsScliteTrnInOrderWithEmptyUtterancesAndBlankLines() throws IOException {
        Path p = file("ref.trn", "gad do i remember it (spk1_u1)\n\n(spk1_u2)\n  you got out (spk2-u3)  \n");
        Transcripts t = TranscriptReader.read(p);
        assertEquals(List.of("spk1_u1", "spk1_u2", "spk2-u3"), List.copyOf(t.ids()));
        assertEquals(List.of("gad", "do", "i", "remember", "it"), t.words("spk1_u1"));
        assertEquals(List.of(), t.words("spk1_u2"));
        assertEquals(List.of("you", "got", "out"), t.words("spk2-u3"));
        assertEquals(4, t.lineOf("spk2-u3"));
        assertEquals(8, t.wordCount());
    }

    @Test
    void skipsByteOrderMarkAndScliteCommentLines() throws IOException {
        Path p = file("ref.trn", "\uFEFF;; made by hand\na b (u1)\n;; another comment\nc (u2)\n");
        Transcripts t = TranscriptReader.read(p);
        assertEquals(List.of("u1", "u2"), List.copyOf(t.ids()));
        assertEquals(List.of("a", "b"), t.words("u1"));
        Path plain = file("text", "\uFEFFu1 a b\n");
        assertEquals(List.of("u1"), List.copyOf(TranscriptReader.read(plain).ids()));
    }

    @Test
    void readsPlainIdFirstLines() throws IOException {
        Path p = file("text", "u1 hello world\nu2\tgood  morning\nu3\n");
        Transcripts t = TranscriptReader.read(p);
        assertEquals(List.of("hello", "world"), t.words("u1"));
        assertEquals(List.of("good", "morning"), t.words("u2"));
        assertEquals(List.of(), t.words("u3"));
    }

    @Test
    void readsHtkMlfWithTimesScoresAndBareWords() throws IOException {
        Path p = file("rec.mlf", """
                #!MLF!#
                "*/u1.rec"
                0 2300000 hello -123.5
                2300000 5100000 world -99.0
                .
                "/data/test/u2.lab"
                good
                morning
                .
                "u3.lab"
                .
                """);
        Transcripts t = TranscriptReader.read(p);
        assertEquals(List.of("u1", "u2", "u3"), List.copyOf(t.ids()));
        assertEquals(List.of("hello", "world"), t.words("u1"));
        assertEquals(List.of("good", "morning"), t.words("u2"));
        assertEquals(List.of(), t.words("u3"));
        assertEquals(6, t.lineOf("u2"));
    }

    @Test
    void detectionLooksAtTheFirstNonBlankLine() {
        assertEquals(TranscriptFormat.MLF, TranscriptReader.detect("#!MLF!#"));
        assertEquals(TranscriptFormat.TRN, TranscriptReader.detect("a b (u1)"));
        assertEquals(TranscriptFormat.PLAIN, TranscriptReader.detect("u1 a b"));
    }

    @Test
    void forcedPlainFormatReadsATrnLookalikeAsIdFirst() throws IOException {
        Path p = file("x", "u1 laugh (x)\n");
        Transcripts t = TranscriptReader.read(p, TranscriptFormat.PLAIN);
        assertEquals(List.of("laugh", "(x)"), t.words("u1"));
    }

    @Test
    void trnLineWithoutIdIsAnErrorWithFileAndLine() throws IOException {
        Path p = file("hyp.trn", "a b (u1)\nc d (u2)\nno id here\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(p));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(p + ":3: expected an sclite trn line"), e.getMessage());
    }

    @Test
    void duplicateIdIsAnErrorNamingBothLines() throws IOException {
        Path p = file("ref.trn", "a (u1)\nb (u2)\nc (u1)\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(p));
        assertEquals(p + ":3: duplicate utterance id 'u1' (first defined at line 1)", e.getMessage());
    }

    @Test
    void emptyAndBlankFilesAreErrors() throws IOException {
        Path empty = file("empty.trn", "");
        Path blank = file("blank.trn", "\n  \n");
        assertEquals(empty + ": empty file: no utterances",
                assertThrows(InputFormatException.class, () -> TranscriptReader.read(empty)).getMessage());
        assertThrows(InputFormatException.class, () -> TranscriptReader.read(blank));
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLine() throws IOException {
        Path p = dir.resolve("latin1.trn");
        Files.write(p, new byte[] {'a', ' ', '(', 'u', '1', ')', '\n', 'c', 'a', 'f', (byte) 0xe9, ' ', '(', 'u', '2', ')', '\n'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(p));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path p = dir.resolve("nope.trn");
        assertEquals(p + ": no such file",
                assertThrows(InputFormatException.class, () -> TranscriptReader.read(p)).getMessage());
    }

    @Test
    void mlfErrorsNameTheLine() throws IOException {
        Path unterminated = file("a.mlf", "#!MLF!#\n\"*/u1.rec\"\nhello\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(unterminated));
        assertTrue(e.getMessage().contains("not terminated by a line '.'"), e.getMessage());

        Path noName = file("b.mlf", "#!MLF!#\nhello\n.\n");
        e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(noName));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("quoted label file name"), e.getMessage());

        Path noHeader = file("c.mlf", "\"*/u1.rec\"\nhello\n.\n");
        e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(noHeader, TranscriptFormat.MLF));
        assertEquals(1, e.line());
    }

    @Test
    void alternationsAreRejectedRatherThanScoredAsWords() throws IOException {
        Path p = file("ref.trn", "a { b / c } d (u1)\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(p));
        assertEquals(1, e.line());
    }

    @Test
    void writtenTrnReadsBackTheSame() {
        Transcripts t = Transcripts.builder().add("u1", List.of("a", "b")).add("u2", List.of()).build();
        Path p = dir.resolve("out.trn");
        TranscriptWriter.writeTrn(t, p);
        Transcripts back = TranscriptReader.read(p);
        assertEquals(t.asMap(), back.asMap());
        assertEquals(List.copyOf(t.ids()), List.copyOf(back.ids()));
    }
}
