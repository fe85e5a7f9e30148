package org.lmrescore.lm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PerplexityTest {

    @Test
    void followsSrilmConventionsForOovsAndSentenceEnds() {
        // Two sentences: "a b" with p(a)=0.1 p(b)=0.01 p(</s>)=0.1, and "c x" with x an OOV,
        // p(c)=0.001 and p(</s>)=0.1. Scored tokens: a b </s> c </s> = 5; log10 sum = -1-2-1-3-1 = -8.
        Perplexity p = new Perplexity();
        p.addSentence();
        p.addWord(Math.log(0.1));
        p.addWord(Math.log(0.01));
        p.addSentenceEnd(Math.log(0.1));
        p.addSentence();
        p.addWord(Math.log(0.001));
        p.addOov();
        p.addSentenceEnd(Math.log(0.1));

        assertEquals(2, p.sentences());
        assertEquals(4, p.words());
        assertEquals(1, p.oovs());
        assertEquals(-8.0, p.logprob(), 1e-12);
        assertEquals(Math.pow(10, 8.0 / 5), p.ppl(), 1e-9);   // words-oovs+sentences = 4-1+2
        assertEquals(Math.pow(10, 8.0 / 3), p.ppl1(), 1e-9);  // words-oovs = 3
    }

    @Test
    void zeroProbabilitiesAreCountedNotScored() {
        Perplexity p = new Perplexity();
        p.addSentence();
        p.addWord(Double.NEGATIVE_INFINITY);
        p.addWord(Math.log(0.01));
        p.addSentenceEnd(Math.log(0.01));
        assertEquals(1, p.zeroprobs());
        assertEquals(-4.0, p.logprob(), 1e-12);
        assertEquals(100.0, p.ppl(), 1e-9);  // 2 - 0 - 1 + 1 = 2 tokens
    }
}
