package org.lmrescore.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PraWriterTest {
    private static List<String> w(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void errorsAreUpperCaseGapsAreStarsAndColumnsLineUp() {
        Alignment a = Aligner.SCLITE.align(w("i can see that knife now"), w("can see the knife now now"));
        String block = PraWriter.format(new UtteranceScore("spk_u3", "spk", a, false));
        assertEquals("""
                id: (spk_u3)
                Scores: (#C #S #D #I) 4 1 1 1
                REF:  I   can see THAT knife *** now
                HYP:  *** can see THE  knife NOW now
                Eval: D           S          I
                """, block);
    }

    @Test
    void fileHasOneBlockPerUtterance(@TempDir Path dir) throws IOException {
        Transcripts ref = Transcripts.builder().add("u1", w("a b")).add("u2", w("c")).build();
        Transcripts hyp = Transcripts.builder().add("u1", w("a b")).build();
        Path out = dir.resolve("x.pra");
        PraWriter.write(WerScorer.standard().score(ref, hyp), out);
        String text = Files.readString(out);
        assertTrue(text.contains("id: (u1)\nScores: (#C #S #D #I) 2 0 0 0\nREF:  a b\nHYP:  a b\nEval:\n"), text);
        assertTrue(text.contains("id: (u2)  [no hypothesis]\n"), text);
        assertTrue(text.contains("REF:  C\nHYP:  ***\nEval: D\n"), text);
    }
}
