package org.lmrescore.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.lmrescore.cli.Main;
import org.lmrescore.cli.TrainKnCommand;
import org.lmrescore.lm.ngram.KneserNeyTrainer;
import org.lmrescore.lm.ngram.NgramCounts;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import picocli.CommandLine;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code train-kn} with its counting as Spark stages: the same options and the same ARPA or
 * binary as {@code bin/train-kn} on the same text, for texts too large to count on one machine.
 *
 * <pre>
 * spark-submit --class org.lmrescore.spark.SparkTrainKn --master yarn target/lmrescore-all.jar \
 *     --order 5 --text hdfs:///corpora/lm.txt --arpa kn5.arpa.gz
 * </pre>
 *
 * <p>The stages, each a pass over the text's lines: (1) the vocabulary, every counted word with
 * its first appearance (line, position), reduced to the earliest, so words are numbered as the
 * one-machine trainer numbers them; (2) the word and sentence totals; (3) the highest-order
 * n-grams of the padded sentences, counted within each partition and summed across them. The
 * driver then gathers the distinct n-grams and estimates exactly as {@code train-kn} does
 * (adjusted counts, discounts, probabilities: {@link KneserNeyTrainer#train(NgramCounts)}), so
 * the model is identical; the driver's memory must hold the distinct n-grams (their adjusted
 * counts are not yet distributed). The text is read by Spark (any Hadoop path; {@code .gz}
 * decompressed by its name) with Hadoop's line ends: {@code \n} and {@code \r\n} as in
 * {@code train-kn}, but also a lone {@code \r}, which {@code train-kn} reads as a space; and
 * text that is not UTF-8 is decoded with replacement characters, where {@code train-kn} stops
 * with an error.
 */
public final class SparkTrainKn {
    private SparkTrainKn() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns the exit status {@code bin/train-kn} would. */
    public static int run(String... args) {
        Log.setVerbose(false);
        CommandLine cli = Main.commandLine(new TrainKnCommand(SparkTrainKn::count));
        cli.setCommandName("SparkTrainKn");
        return cli.execute(args);
    }

    /** An n-gram as a key: value equality on its ids. */
    static final class Ngram implements Serializable {
        final int[] ids;
        private final int hash;

        Ngram(int[] ids) {
            this.ids = ids;
            this.hash = Arrays.hashCode(ids);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ngram other && hash == other.hash && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static NgramCounts count(TrainKnCommand job, KneserNeyTrainer trainer) {
        String text = job.text().toString();
        boolean withWordList = job.wordList() != null;
        try (JavaSparkContext sc = SparkContexts.open("train-kn")) {
            JavaRDD<String> lines = sc.textFile(text);
            List<String> firstSeen = List.of();
            if (!withWordList) {
                firstSeen = vocabulary(lines);
            }
            long sentences = lines.count();
            long tokens = lines.map(l -> (long) NgramCounts.countedTokens(l, withWordList).size()).fold(0L, Long::sum);
            if (tokens == 0) {
                throw new InputFormatException(job.text(), 0, "empty training text: no words to count");
            }
            Broadcast<NgramCounts.Windows> windows = sc.broadcast(NgramCounts.windows(job.order(), job.wordList(), firstSeen));
            JavaPairRDD<Ngram, Long> counted = lines.mapPartitionsToPair(it -> {
                NgramCounts.Windows w = windows.value().copy();  // tasks of one executor share the broadcast value
                Map<Ngram, Long> local = new HashMap<>();
                while (it.hasNext()) {
                    w.forEach(it.next(), gram -> local.merge(new Ngram(gram.clone()), 1L, Long::sum));
                }
                List<Tuple2<Ngram, Long>> out = new ArrayList<>(local.size());
                local.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
                return out.iterator();
            }).reduceByKey(Long::sum);
            int n = job.order();
            int[] rows = new int[1024 * n];
            long[] counts = new long[1024];
            int size = 0;
            for (Iterator<Tuple2<Ngram, Long>> it = counted.toLocalIterator(); it.hasNext(); ) {
                Tuple2<Ngram, Long> e = it.next();
                if (size == counts.length) {
                    if (size > Integer.MAX_VALUE / 2 / n) {
                        throw new InputFormatException(job.text(), 0, "more distinct " + n + "-grams than one driver can gather");
                    }
                    rows = Arrays.copyOf(rows, 2 * size * n);
                    counts = Arrays.copyOf(counts, 2 * size);
                }
                System.arraycopy(e._1().ids, 0, rows, size * n, n);
                counts[size++] = e._2();
            }
            Log.info("counted %,d tokens in %,d sentences, %,d distinct %d-grams on Spark", tokens, sentences, size, n);
            return windows.value().counts(rows, counts, size, tokens, sentences);
        }
    }

    /** The text's counted words in order of first appearance (line, then position in it). */
    private static List<String> vocabulary(JavaRDD<String> lines) {
        List<Tuple2<String, long[]>> first = lines.zipWithIndex().mapPartitionsToPair(it -> {
            Map<String, long[]> local = new HashMap<>();  // first (line, position) in this partition, whose lines ascend
            while (it.hasNext()) {
                Tuple2<String, Long> line = it.next();
                List<String> tokens = NgramCounts.countedTokens(line._1(), false);
                for (int p = 0; p < tokens.size(); p++) {
                    local.putIfAbsent(tokens.get(p), new long[] {line._2(), p});
                }
            }
            List<Tuple2<String, long[]>> out = new ArrayList<>(local.size());
            local.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
            return out.iterator();
        }).reduceByKey((a, b) -> a[0] < b[0] || a[0] == b[0] && a[1] <= b[1] ? a : b).collect();
        List<Tuple2<String, long[]>> sorted = new ArrayList<>(first);
        sorted.sort((x, y) -> x._2()[0] != y._2()[0] ? Long.compare(x._2()[0], y._2()[0]) : Long.compare(x._2()[1], y._2()[1]));
        List<String> words = new ArrayList<>(sorted.size());
        for (Tuple2<String, long[]> t : sorted) {
            words.add(t._1());
        }
        return words;
    }
}
