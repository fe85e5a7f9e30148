package org.lmrescore.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark tuning job in local mode against {@code bin/tune} on the bundled sample (as lattices/tune-sample.sh tunes it). */
class SparkTuneTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void sparkInLocalMode() {
        SparkRescoreTest.sparkInLocalMode();
    }

    @AfterAll
    static void clear() {
        SparkRescoreTest.clear();
    }

    @Test
    void choosesTheSameWeightsAsTheCommand() throws Exception {
        String[] common = {"--rnn", "models/rnn-small.bin", "--kn", "models/kn5-small.arpa.gz", "--in", "lattices/sample/slf.list",
            "--ref", "lattices/sample/ref.trn", "--split", "even", "--decode", "mbr", "--json"};
        Path local = dir.resolve("local.args");
        Path spark = dir.resolve("spark.args");
        String localJson = lastLine(() -> Main.run(concat(List.of("tune"), common, "--params", local.toString())));
        String sparkJson = lastLine(() -> SparkTune.run(concat(List.of(), common, "--params", spark.toString())));
        assertEquals(Files.readString(local), Files.readString(spark), "the same rescore options chosen");
        assertEquals(withoutTimes(localJson), withoutTimes(sparkJson), "the same figures");
    }

    private static String withoutTimes(String json) {
        return json.replaceAll("\"[a-z_]*seconds\": [0-9.e-]+", "");
    }

    private interface Run {
        int run();
    }

    private static String lastLine(Run run) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = run.run();
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String[] concat(List<String> head, String[] middle, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }
}
