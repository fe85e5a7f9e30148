package org.lmrescore.rescore;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.mix.Mixes;
import org.lmrescore.lm.rnn.RnnAdaptation;
import org.lmrescore.lm.rnn.RnnLanguageModel;
import org.lmrescore.util.InputFormatException;

import java.util.ArrayList;
import java.util.List;

/** The dynamic-rescoring hook: every RNN in the model learns each utterance's rescored 1-best. */
public final class DynamicAdaptation implements AdaptationHook {
    private final List<RnnAdaptation> rnns;

    private DynamicAdaptation(List<RnnAdaptation> rnns) {
        this.rnns = rnns;
    }

    /** Adapts the RNN parts of {@code model} (alone or in a linear mix) at learning rate {@code rate}. */
    public static DynamicAdaptation of(LanguageModel model, double rate) {
        List<RnnAdaptation> rnns = new ArrayList<>();
        for (LanguageModel part : Mixes.parts(model)) {
            if (part instanceof RnnLanguageModel rnn) {
                rnns.add(new RnnAdaptation(rnn, rate));
            }
        }
        if (rnns.isEmpty()) {
            throw new InputFormatException("dynamic rescoring adapts RNN models: give at least one --rnn");
        }
        return new DynamicAdaptation(rnns);
    }

    @Override
    public void adapt(String utteranceId, List<String> best) {
        for (RnnAdaptation rnn : rnns) {
            rnn.learn(best);
        }
    }
}
