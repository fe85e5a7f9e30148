package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tune on the repository's own sample lattices and models, named directly or through a mix file. */
class TuneCommandTest {
    private static final Path RNN = Path.of("models/rnn-small.bin").toAbsolutePath();
    private static final Path KN = Path.of("models/kn5-small.arpa.gz").toAbsolutePath();
    private static final String[] DATA = {"--in", "lattices/sample/slf.list", "--ref", "lattices/sample/ref.trn",
            "--split", "even", "--lmscale-range", "4:8", "--wip-range", "0", "--first-pass-weight-range", "0.5"};

    private static String chosenLine(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("chosen:")).findFirst().orElse("none: " + stdout);
    }

    @Test
    void aMixFileTunesTheSameModelsAsTheirOptions(@TempDir Path dir) throws IOException {
        Path mix = Files.writeString(dir.resolve("m.mix"), "0.6\trnn\t" + RNN + "\n0.4\tkn\t" + KN + "\n");
        CliRun direct = CliRun.of(concat(new String[] {"tune", "--rnn", RNN.toString(), "--kn", KN.toString()}, DATA));
        CliRun viaMix = CliRun.of(concat(new String[] {"tune", "--mix", mix.toString()}, DATA));
        assertEquals(0, direct.status(), direct.stderr());
        assertEquals(0, viaMix.status(), viaMix.stderr());
        assertTrue(chosenLine(direct.stdout()).contains("--lambda"), direct.stdout());
        assertEquals(chosenLine(direct.stdout()), chosenLine(viaMix.stdout()));
    }

    @Test
    void aLogLinearMixIsRefusedWithAClearMessage() {
        CliRun r = CliRun.of(concat(new String[] {"tune", "--rnn", RNN.toString(), "--kn", KN.toString(), "--log-linear"}, DATA));
        assertEquals(2, r.status());
        assertTrue(r.stderr().contains("tune searches linear mixes"), r.stderr());
    }

    /** Each point of --lambda-sweep is what a tune with that lambda fixed chooses and scores, on both halves. */
    @Test
    void aLambdaSweepPointEqualsATuneAtThatLambda() {
        String[] models = {"tune", "--rnn", RNN.toString(), "--kn", KN.toString(), "--json"};
        CliRun sweep = CliRun.of(concat(concat(models, new String[] {"--lambda-sweep", "0.3,0.8"}), DATA));
        assertEquals(0, sweep.status(), sweep.stderr());
        String json = sweep.stdout().lines().reduce((a, b) -> b).orElseThrow();
        java.util.regex.Matcher points = java.util.regex.Pattern.compile("\\{\"lambda\": ([0-9.]+), \"lmscale\": ([0-9.]+), "
                + "\"wip\": ([-0-9.]+), \"first_pass_weight\": ([0-9.]+), \"tuning_wer\": ([0-9.]+), \"held_out_wer\": ([0-9.]+)\\}")
                .matcher(json);
        int found = 0;
        while (points.find()) {
            found++;
            CliRun fixed = CliRun.of(concat(concat(models, new String[] {"--lambda-range", points.group(1)}), DATA));
            assertEquals(0, fixed.status(), fixed.stderr());
            String one = fixed.stdout().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(one.contains("\"lmscale\": " + points.group(2) + ",") && one.contains("\"lambda\": " + points.group(1) + ",")
                    && one.contains("\"tuning_wer\": " + points.group(5) + ",") && one.contains("\"held_out_wer\": " + points.group(6) + ","),
                    points.group() + " vs " + one);
        }
        assertEquals(2, found, json);
        CliRun noBackoff = CliRun.of(concat(new String[] {"tune", "--rnn", RNN.toString(), "--lambda-sweep", "0.5"}, DATA));
        assertEquals(2, noBackoff.status());
        assertTrue(noBackoff.stderr().contains("--lambda-sweep needs RNNs and a backoff model"), noBackoff.stderr());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
