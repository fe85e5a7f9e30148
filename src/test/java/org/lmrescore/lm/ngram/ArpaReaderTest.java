package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArpaReaderTest {
    private static final String GOOD = String.join("\n",
            "some tool's comment before the header",
            "",
            "\\data\\",
            "ngram 1=4",
            "ngram 2=2",
            "",
            "\\1-grams:",
            "-99\t<s>\t-0.5",
            "-1.0\t</s>",
            "-0.5 a -0.25",
            "",
            "-0.7\tb",
            "",
            "\\2-grams:",
            "-0.2\t<s> a",
            "-0.1\ta b",
            "",
            "\\end\\",
            "");

    @TempDir
    Path tmp;

    private Path file(String content) throws Exception {
        Path p = tmp.resolve("m.arpa");
        Files.writeString(p, content);
        return p;
    }

    /** A header claiming more n-grams than the file holds is refused before they are allocated, gzip or not. */
    @Test
    void countsTheFileCannotHoldAreRefused() throws Exception {
        Path plain = file(GOOD.replace("ngram 1=4", "ngram 1=2000000000"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> ArpaReader.read(plain));
        assertTrue(e.getMessage().contains("header says 2000000000 1-grams but the file has only"), e.getMessage());
        Path gz = tmp.resolve("m.arpa.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(GOOD.replace("ngram 2=2", "ngram 2=900000000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        e = assertThrows(InputFormatException.class, () -> ArpaReader.read(gz));
        assertTrue(e.getMessage().contains("header says 900000000 2-grams but the section has 2"), e.getMessage());
        Path overflow = file(GOOD.replace("ngram 2=2", "ngram 2=2000000000"));
        e = assertThrows(InputFormatException.class, () -> ArpaReader.read(overflow));
        assertTrue(e.getMessage().contains("more than one model here can hold"), e.getMessage());
    }

    @Test
    void readsWhatRealFilesContain() throws Exception {
        BackoffTables t = ArpaReader.read(file(GOOD));
        assertEquals(2, t.order());
        assertEquals(4, t.count(1));
        assertEquals(-99f, t.entries(1).prob(0));
        assertEquals(-0.5f, t.entries(1).backoff(0));
        assertEquals(0f, t.entries(1).backoff(1), "omitted backoff is 0");
        assertEquals(-0.25f, t.entries(1).backoff(2));
        assertEquals("a", t.vocabulary().word(t.entries(2).word(1, 0)));
        NgramModel m = NgramModel.of(t);
        int a = t.vocabulary().id("a");
        int b = t.vocabulary().id("b");
        // p(b | a) from the bigram; p(b | <s>) backs off: bo(<s>) + p(b)
        assertEquals(-0.1, m.log10Prob(m.next(m.empty(), a), b), 1e-6);
        assertEquals(-0.5 - 0.7, m.log10Prob(m.start(), b), 1e-6);
    }

    @Test
    void writerOutputReadsBackIdentically() throws Exception {
        BackoffTables t = ArpaReader.read(file(GOOD));
        StringWriter w = new StringWriter();
        ArpaWriter.write(t, w);
        BackoffTables again = ArpaReader.read(file(w.toString()));
        for (int n = 1; n <= 2; n++) {
            assertEquals(t.count(n), again.count(n));
            for (int i = 0; i < t.count(n); i++) {
                assertEquals(t.entries(n).prob(i), again.entries(n).prob(i));
                assertEquals(t.entries(n).backoff(i), again.entries(n).backoff(i));
            }
        }
        assertTrue(w.toString().contains("-99\t<s>\t-0.5\n"));
    }

    @Test
    void smallNumbersAreWrittenWithoutExponent() throws Exception {
        BackoffTables t = ArpaReader.read(file("\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-1.5e-5\t<s>\t-12345678\n-0.25\t</s>\n\n"
                + "\\2-grams:\n-0.5\t<s> </s>\n\n\\end\\\n"));
        StringWriter w = new StringWriter();
        ArpaWriter.write(t, w);
        assertTrue(w.toString().contains("-0.000015\t<s>\t-12345678\n"), w.toString());
    }

    @Test
    void countsThatDisagreeWithTheHeader() throws Exception {
        assertError(GOOD.replace("ngram 2=2", "ngram 2=3"), 18, "header says 3 2-grams but the section has 2");
        assertError(GOOD.replace("ngram 1=4", "ngram 1=3"), 12, "expected \\2-grams:");
        assertError(GOOD.replace("ngram 2=2", "ngram 2=1"), 16, "has more");
    }

    @Test
    void nonNumericFields() throws Exception {
        assertError(GOOD.replace("-0.5 a -0.25", "-0.5 a x0.25"), 10, "expected a log10 backoff weight but found 'x0.25'");
        assertError(GOOD.replace("-0.7\tb", "zero\tb"), 12, "expected a log10 probability but found 'zero'");
        assertError(GOOD.replace("ngram 2=2", "ngram 2=two"), 5, "integers");
        assertError(GOOD.replace("-0.1\ta b", "-0.1\ta b -0.2 extra"), 16, "found more fields");
        assertError(GOOD.replace("-0.1\ta b", "0.5\ta b"), 16, "above 0");
    }

    @Test
    void unknownSectionsAndWords() throws Exception {
        assertError(GOOD.replace("\\2-grams:", "\\bigrams:"), 14, "expected \\2-grams: but found '\\bigrams:'");
        assertError(GOOD.replace("\\end\\", "\\3-grams:"), 18, "expected \\end\\");
        assertError(GOOD.replace("-0.1\ta b", "-0.1\ta c"), 16, "word 'c' is not in the 1-grams");
        assertError("just text\n", 0, "no \\data\\ section");
    }

    @Test
    void truncatedFiles() throws Exception {
        assertError(GOOD.substring(0, GOOD.indexOf("-0.1\ta b")), 16, "file ends early (truncated?): expected 2 2-grams");
        assertError(GOOD.substring(0, GOOD.indexOf("\\end\\")), 18, "file ends early (truncated?): expected \\end\\");
        assertError(GOOD.substring(0, GOOD.indexOf("ngram 2")), 5, "file ends inside the \\data\\ header");
    }

    @Test
    void binaryGarbageIsNotAModel() throws Exception {
        Path p = tmp.resolve("x.bin");
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(p));
        assertEquals(p + ": not an n-gram model: neither ARPA text, nor our binary, nor a Sphinx trie LM", e.getMessage());
    }

    @Test
    void duplicateNgramsAreAnError() throws Exception {
        Path p = file(GOOD.replace("-0.2\t<s> a", "-0.2\ta b"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NgramModels.load(p));
        // the second 'a b' is line 16: the first took the place of '<s> a' on line 15
        assertEquals(p + ":16: the 2-gram 'a b' is listed twice", e.getMessage());
        // the trie finds it too, also in the highest order, which no hash table holds there
        Path trie = tmp.resolve("m.trie");
        e = assertThrows(InputFormatException.class,
                () -> BinaryFormat.write(ArpaReader.read(p), trie, BinaryFormat.Layout.TRIE, 0, 0));
        assertEquals("the 2-gram 'a b' is listed twice", e.getMessage());
        assertTrue(Files.notExists(trie));
    }

    private void assertError(String content, long line, String message) throws Exception {
        Path p = file(content);
        InputFormatException e = assertThrows(InputFormatException.class, () -> ArpaReader.read(p));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith(p + (line > 0 ? ":" + line : "") + ": "), e.getMessage());
    }
}
