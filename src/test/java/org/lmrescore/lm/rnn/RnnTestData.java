package org.lmrescore.lm.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic texts with some structure (a toy grammar) for training tests. */
final class RnnTestData {
    private RnnTestData() {
    }

    static Path toyText(Path dir, String name, int sentences, long seed) {
        String[] subjects = {"the cat", "a dog", "the old man", "my sister", "john", "the bird"};
        String[] verbs = {"sees", "likes", "eats", "finds", "hears"};
        String[] objects = {"the fish", "a bone", "the ball", "some bread", "a song", "the zebra"};
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String s = subjects[r.nextInt(subjects.length)] + " " + verbs[r.nextInt(verbs.length)] + " "
                    + objects[r.nextInt(objects.length)];
            if (r.nextInt(4) == 0) {
                s += " today";
            }
            lines.add(s);
        }
        Path p = dir.resolve(name);
        try {
            Files.write(p, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
