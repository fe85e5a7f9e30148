package org.lmrescore.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.cli.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark rescoring job in local mode (two executor threads, loopback only, no UI) against
 * {@code bin/rescore} on the same input: the bundled sample lattices with a malformed one among
 * them.
 */
class SparkRescoreTest {
    @TempDir
    static Path dir;

    static final String[] SPARK = {"spark.master", "local[2]", "spark.driver.bindAddress", "127.0.0.1",
        "spark.driver.host", "127.0.0.1", "spark.ui.enabled", "false"};

    @BeforeAll
    static void sparkInLocalMode() {
        for (int i = 0; i < SPARK.length; i += 2) {
            System.setProperty(SPARK[i], SPARK[i + 1]);
        }
    }

    @AfterAll
    static void clear() {
        for (int i = 0; i < SPARK.length; i += 2) {
            System.clearProperty(SPARK[i]);
        }
    }

    @Test
    void writesTheSameBestTrnAsTheCommandAndSkipsTheMalformedLattice() throws Exception {
        Path sample = Path.of("lattices/sample").toAbsolutePath();
        List<String> list = new ArrayList<>();
        for (String name : Files.readAllLines(sample.resolve("slf.list"))) {
            list.add(sample.resolve(name).toString());
        }
        Path bad = Files.writeString(dir.resolve("bad.slf"), "VERSION=1.0\nN=2 L=1\nI=0 t=0.0\nI=1 t=0.5\nJ=0 S=0 E=7 W=oops a=-1\n");
        list.add(3, bad.toString());
        Path in = Files.write(dir.resolve("in.list"), list);
        String[] common = {"@" + sample.resolve("tuned.args"), "--rnn", "models/rnn-small.bin", "--kn", "models/kn5-small.arpa.gz",
            "--in", in.toString(), "--ref", sample.resolve("ref.trn").toString()};
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        assertEquals(Main.EXIT_SOME_SKIPPED, Main.run(concat(new String[] {"rescore"}, common, "--out", local.toString())));
        int prepared = FileJob.preparedJobs();
        assertEquals(Main.EXIT_SOME_SKIPPED, SparkRescore.run(concat(new String[0], common, "--out", spark.toString())));
        assertEquals(prepared + 1, FileJob.preparedJobs(), "the executors parsed the job and loaded its models once");

        assertArrayEquals(Files.readAllBytes(local.resolve("best.trn")), Files.readAllBytes(spark.resolve("best.trn")),
                "best.trn byte for byte");
        assertEquals(30, Files.readAllLines(spark.resolve("best.trn")).size());
        for (String file : List.of("nbest.tsv", "best.ctm", "before.trn", "oracle.trn")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(file)), Files.readAllBytes(spark.resolve(file)), file);
        }
        String summary = Files.readString(spark.resolve("summary.json"));
        assertTrue(summary.contains("bad.slf:5"), "the malformed lattice is reported with its line: " + summary);
        assertEquals(Files.readString(local.resolve("summary.json")).replaceAll("\"seconds\": [0-9.e-]+", ""),
                summary.replaceAll("\"seconds\": [0-9.e-]+", ""), "the same summary but for the time taken");
    }

    /** Inputs named by a URI (here file://, as hdfs:// would be) are listed through Hadoop and copied by the executors. */
    @Test
    void readsInputsNamedByAUriAsTheCommandReadsTheFolder() throws Exception {
        Path sample = Path.of("lattices/sample").toAbsolutePath();
        Path lattices = Files.createDirectories(dir.resolve("uri-in"));
        for (String name : Files.readAllLines(sample.resolve("slf.list")).subList(0, 8)) {
            Files.copy(sample.resolve(name), lattices.resolve(name));
        }
        Files.writeString(lattices.resolve("brown_bad.slf"), "VERSION=1.0\nN=2 L=1\nI=0\nI=1\nJ=0 S=0 E=9 W=x a=-1\n");
        String[] common = {"--rnn", "models/rnn-small.bin", "--kn", "models/kn5-small.arpa.gz", "--no-lattices"};
        Path local = dir.resolve("uri-local");
        Path spark = dir.resolve("uri-spark");
        assertEquals(Main.EXIT_SOME_SKIPPED, Main.run(concat(new String[] {"rescore"}, common, "--in", lattices.toString(),
                "--out", local.toString())));
        assertEquals(Main.EXIT_SOME_SKIPPED, SparkRescore.run(concat(new String[0], common, "--in",
                lattices.toUri() + "*", "--out", spark.toString())));
        assertArrayEquals(Files.readAllBytes(local.resolve("best.trn")), Files.readAllBytes(spark.resolve("best.trn")));
        assertEquals(8, Files.readAllLines(spark.resolve("best.trn")).size());
        String summary = Files.readString(spark.resolve("summary.json"));
        assertTrue(summary.contains(lattices.toUri().getPath() + "brown_bad.slf:5"), "named as given, not as its copy: " + summary);
    }

    /** A model no executor can read stops the job with the model's error, not with failed Spark tasks. */
    @Test
    void anUnreadableModelIsTheJobsError() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.arpa"), "not an ARPA file\n");
        int status = SparkRescore.run("--kn", bad.toString(), "--in", Path.of("lattices/sample/slf.list").toAbsolutePath().toString(),
                "--out", dir.resolve("bad-model").toString());
        assertEquals(Main.EXIT_BAD_INPUT, status);
    }

    @Test
    void dynamicRescoringIsRefusedClearly() {
        Path sample = Path.of("lattices/sample").toAbsolutePath();
        int status = SparkRescore.run("--kn", "models/kn5-small.arpa.gz", "--rnn", "models/rnn-small.bin", "--dynamic", "0.1",
                "--in", sample.resolve("slf.list").toString(), "--out", dir.resolve("dynamic").toString());
        assertEquals(Main.EXIT_BAD_INPUT, status);
    }

    private static String[] concat(String[] head, String[] middle, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }
}
