package org.lmrescore.rescore;

import java.util.List;

/**
 * Dynamic rescoring: called with each utterance's rescored 1-best, in input order, before the
 * next utterance is rescored (the models may adapt to it, as in the paper's dynamic rows). A run
 * with a hook rescores one utterance at a time.
 */
@FunctionalInterface
public interface AdaptationHook {
    void adapt(String utteranceId, List<String> best);
}
