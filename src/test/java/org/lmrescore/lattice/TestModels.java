package org.lmrescore.lattice;

import org.lmrescore.lm.BigramTestModel;
import org.lmrescore.lm.LanguageModel;

/** Test models shared with other packages' tests. */
public final class TestModels {
    private TestModels() {
    }

    /** A bigram that likes "the cat": P(the|&lt;s&gt;) .5, P(cat|the) .5, P(&lt;/s&gt;|cat) .5, P(a|&lt;s&gt;) .1, else .05. */
    public static LanguageModel theCat() {
        return new BigramTestModel(0.05, "<s> the", 0.5, "the cat", 0.5, "cat </s>", 0.5, "<s> a", 0.1);
    }
}
