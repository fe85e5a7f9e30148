package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's ARPA LM under a non-.lm name, with a word the dictionary lacks: Sphinx reads it through
 * the .lm link, the missing word is found once, and the small LM constrains the search.
 */
class FirstPassArpaTest {
    @TempDir
    Path dir;

    @Test
    void decodesWithATinyArpaModelAndFindsItsUnpronounceableWord() throws Exception {
        Path wav = SharedData.require("speech/dev/wav/arctic_b0003_1592701239.wav");
        Path arpa = dir.resolve("tiny.arpa");
        String[] words = {"i", "can", "see", "that", "knife", "now", "zzyzxqv"};
        StringBuilder lm = new StringBuilder("\\data\\\nngram 1=" + (words.length + 2) + "\n\n\\1-grams:\n");
        lm.append("-0.9 </s>\n-99 <s>\n");
        for (String w : words) {
            lm.append("-0.9 ").append(w).append('\n');
        }
        lm.append("\n\\end\\\n");
        Files.writeString(arpa, lm);

        try (SphinxRecognizer recognizer = SphinxRecognizer.create(new DecoderConfig().languageModel(arpa.toString()).absoluteBeam(5000))) {
            assertEquals(List.of("zzyzxqv"), recognizer.missingWords());
            Decoding d = recognizer.decode("u", Audio.read(wav));
            assertNotNull(d);
            int errors = SphinxDecodeTest.wordErrors("i can see that knife now", d.hypothesis());
            assertTrue(errors <= 1, d.hypothesis()); // the first "i" is barely audible: the en-us LM misses it too
        }
    }
}
