package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecoderConfigTest {
    @TempDir
    Path dir;

    @Test
    void arpaUnderAnotherNameReachesSphinxThroughALmLink() throws Exception {
        Path arpa = dir.resolve("kn3.arpa");
        Files.writeString(arpa, "\n\\data\\\nngram 1=1\n\n\\1-grams:\n-1.0 a\n\n\\end\\\n");
        String path = new DecoderConfig().languageModel(arpa.toString()).sphinxLanguageModelPath();
        assertTrue(path.endsWith("kn3.arpa.lm"), path);
        assertEquals(arpa.toRealPath(), Path.of(path).toRealPath());
        assertEquals("x/model.dmp", new DecoderConfig().languageModel("x/model.dmp").sphinxLanguageModelPath());
        assertEquals(DecoderConfig.DEFAULT_LANGUAGE_MODEL, new DecoderConfig().sphinxLanguageModelPath());
    }

    @Test
    void gzippedOrUnknownLmFilesAreRefusedClearly() throws Exception {
        Path gz = dir.resolve("kn3.arpa.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("\\data\\\n".getBytes());
        }
        assertEquals(gz + ": Sphinx4 cannot read a gzipped LM: decompress it first",
                assertThrows(InputFormatException.class, () -> new DecoderConfig().languageModel(gz.toString()).validate()).getMessage());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        assertTrue(assertThrows(InputFormatException.class, () -> new DecoderConfig().languageModel(text.toString()).validate())
                .getMessage().startsWith(text + ":1: expected an ARPA LM"));
        assertEquals(dir.resolve("none.lm") + ": not found",
                assertThrows(InputFormatException.class, () -> new DecoderConfig().languageModel(dir.resolve("none.lm").toString()).validate()).getMessage());
    }

    @Test
    void ownBinaryModelsAreRefusedWithTheWayOut() throws Exception {
        Path arpa = dir.resolve("kn.arpa");
        Files.writeString(arpa, "\\data\\\nngram 1=3\n\n\\1-grams:\n-0.5 <s>\n-0.5 </s>\n-0.5 a\n\n\\end\\\n");
        Path bin = dir.resolve("kn.bin");
        org.lmrescore.lm.ngram.BinaryFormat.write(org.lmrescore.lm.ngram.NgramModels.load(arpa), bin);
        assertTrue(assertThrows(InputFormatException.class, () -> new DecoderConfig().languageModel(bin.toString()).validate())
                .getMessage().startsWith(bin + ": this is lmrescore's own binary LM format"));
    }

    @Test
    void parametersAreChecked() {
        assertThrows(InputFormatException.class, () -> new DecoderConfig().wordInsertionProbability(0));
        assertThrows(InputFormatException.class, () -> new DecoderConfig().languageWeight(-1));
        assertThrows(InputFormatException.class, () -> new DecoderConfig().absoluteBeam(0));
    }
}
