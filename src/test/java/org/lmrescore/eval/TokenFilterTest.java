package org.lmrescore.eval;

import org.junit.jupiter.api.Test;
import org.lmrescore.util.InputFormatException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFilterTest {
    private final TokenFilter fillers = TokenFilter.of(false, TokenFilter.DEFAULT_FILLERS);

    @Test
    void defaultFillersCoverRecogniserNoiseTokens() {
        for (String t : List.of("<sil>", "<s>", "</s>", "<unk>", "[noise]", "[laughter]", "++breath++", "!NULL", "!ENTER")) {
            assertTrue(fillers.isFiller(t), t);
        }
        for (String t : List.of("hello", "don't", "<", "a<b>", "[x", "+", "null")) {
            assertFalse(fillers.isFiller(t), t);
        }
    }

    @Test
    void fillersAreDroppedAndCaseIsFolded() {
        TokenFilter f = TokenFilter.of(true, TokenFilter.DEFAULT_FILLERS);
        assertEquals(List.of("hello", "world"), f.apply(List.of("<s>", "Hello", "[noise]", "WORLD", "</s>")));
    }

    @Test
    void userPatternsAreMatchedAgainstWholeTokens() {
        TokenFilter f = TokenFilter.of(false, List.of("uh|um"));
        assertEquals(List.of("yes", "umbrella"), f.apply(List.of("uh", "yes", "um", "umbrella")));
    }

    @Test
    void badPatternIsAUserError() {
        assertThrows(InputFormatException.class, () -> TokenFilter.of(false, List.of("[")));
    }

    @Test
    void identityFilterReturnsTheSameObjects() {
        List<String> words = List.of("A", "<s>");
        assertSame(words, TokenFilter.NONE.apply(words));
    }

    @Test
    void normalisationAppliesToBothSidesOfTheScore() {
        Transcripts ref = Transcripts.builder().add("u1", List.of("<s>", "Hello", "there", "</s>")).build();
        Transcripts hyp = Transcripts.builder().add("u1", List.of("<sil>", "hello", "[noise]", "THERE")).build();
        WerScorer plain = WerScorer.standard();
        WerScorer normalised = new WerScorer(TokenFilter.of(true, TokenFilter.DEFAULT_FILLERS), SpeakerRule.DEFAULT,
                Aligner.SCLITE, false);
        assertEquals(4, plain.score(ref, hyp).totals().n());
        assertEquals(4, plain.score(ref, hyp).totals().errors());
        ErrorCounts c = normalised.score(ref, hyp).totals();
        assertEquals(2, c.n());
        assertEquals(0, c.errors());
    }
}
