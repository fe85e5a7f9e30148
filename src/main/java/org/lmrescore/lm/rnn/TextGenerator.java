package org.lmrescore.lm.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Samples text from an RNN (rnnlm's -gen): word by word from P(w|h), a new sentence after each
 * {@code </s>}; a draw of the rare unit picks one of its words uniformly.
 */
public final class TextGenerator {
    private final RnnModel model;
    private final Random random;

    public TextGenerator(RnnModel model, long seed) {
        this.model = model;
        this.random = new Random(seed);
    }

    /** About {@code words} words (the last sentence is completed), one sentence per string. */
    public List<String> generate(int words) {
        RnnVocabulary v = model.vocabulary();
        OutputLayer.Scratch scratch = model.output().newScratch(model.direct() == null ? 1 : model.direct().order(), false, 0);
        int[] history = model.newHistory();
        float[] state = model.startState().clone();
        float[] next = new float[state.length];
        List<String> sentences = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int eos = v.eosUnit();
        int last = eos;
        int produced = 0;
        List<String> rare = v.rareWordList();
        while (produced < words || line.length() > 0) {
            TextPass.push(history, last);
            model.hidden().step(last, state, next);
            float[] t = state;
            state = next;
            next = t;
            int unit = model.output().sample(state, model.direct(), history, scratch, random);
            if (unit == eos) {
                sentences.add(line.toString());
                line.setLength(0);
                if (model.config().independent()) {
                    model.hidden().resetState(state);
                }
            } else {
                String w = unit == v.rareUnit() && !rare.isEmpty() ? rare.get(random.nextInt(rare.size())) : v.unitName(unit);
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(w);
                produced++;
            }
            last = unit;
            if (line.length() > 100_000) {
                sentences.add(line.toString());
                line.setLength(0);
            }
        }
        return sentences;
    }
}
