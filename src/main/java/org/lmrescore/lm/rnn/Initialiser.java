package org.lmrescore.lm.rnn;

import java.util.Random;

/** rnnlm's weight initialisation: the sum of three uniform draws in [-0.1, 0.1]. */
final class Initialiser {
    private Initialiser() {
    }

    static void fill(float[] w, Random random) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (uniform(random) + uniform(random) + uniform(random));
        }
    }

    private static double uniform(Random random) {
        return random.nextDouble() * 0.2 - 0.1;
    }
}
