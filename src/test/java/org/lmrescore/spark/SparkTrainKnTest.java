package org.lmrescore.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.cli.Main;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Spark KN counting in local mode against {@code train-kn} on the shared KenLM fixture text
 * (whose models are lmplz's, KenLmReferenceTest): the ARPA files are the same bytes.
 */
class SparkTrainKnTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void sparkInLocalMode() {
        SparkRescoreTest.sparkInLocalMode();
    }

    @AfterAll
    static void clear() {
        SparkRescoreTest.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "5"})
    void theArpaIsIdenticalToTrainKn(String order) throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        Path local = dir.resolve("local.arpa");
        Path spark = dir.resolve("spark.arpa");
        assertEquals(0, Main.run("train-kn", "--order", order, "--text", train.toString(), "--arpa", local.toString()));
        assertEquals(0, SparkTrainKn.run("--order", order, "--text", train.toString(), "--arpa", spark.toString()));
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark));
    }

    @org.junit.jupiter.api.Test
    void withAWordListToo() throws Exception {
        String order = "3";
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        Path words = Files.writeString(dir.resolve("words.txt"), "the\nof\nand\nto\na\nin\nzzz-unseen\n");
        Path local = dir.resolve("local.arpa");
        Path spark = dir.resolve("spark.arpa");
        assertEquals(0, Main.run("train-kn", "--order", order, "--text", train.toString(), "--vocab", words.toString(),
                "--discount-fallback", "--arpa", local.toString()));
        assertEquals(0, SparkTrainKn.run("--order", order, "--text", train.toString(), "--vocab", words.toString(),
                "--discount-fallback", "--arpa", spark.toString()));
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark));
    }
}
