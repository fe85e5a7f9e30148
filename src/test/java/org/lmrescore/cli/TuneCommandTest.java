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

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
