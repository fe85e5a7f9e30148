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
 * <p>The stages: (1) the vocabulary, every counted word with its first appearance (line,
 * position), reduced to the earliest, so words are numbered as the one-machine trainer numbers
 * them; (2) the word and sentence totals; (3) the highest-order n-grams of the padded sentences,
 * counted within each partition and summed across them; (4) for each lower order, the adjusted
 * counts: the n-grams' suffixes with their raw counts summed and their distinct preceding words
 * counted. The driver gathers each order's adjusted counts and estimates exactly as
 * {@code train-kn} does from them (counts of counts, discounts, probabilities:
 * {@link KneserNeyTrainer#train(NgramCounts)}), so the model is identical; its memory must hold
 * the adjusted counts of every order, as the estimation needs them. The text is read by Spark (any Hadoop path; {@code .gz}
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
            counted.cache();
            int[][] rows = new int[n][];
            long[][] adjusted = new long[n][];
            long[][] raw = new long[n][];
            int[] sizes = new int[n];
            for (int k = n; k >= 1; k--) {
                Level level = gather(job, adjustedCounts(counted, n, k), k);
                rows[k - 1] = level.rows;
                adjusted[k - 1] = level.adjusted;
                raw[k - 1] = level.raw;
                sizes[k - 1] = level.size;
            }
            int[] last = counted.keys().reduce((a, b) -> compareSuffix(a.ids, b.ids) >= 0 ? a : b).ids;
            Log.info("counted %,d tokens in %,d sentences, %,d distinct %d-grams on Spark", tokens, sentences, sizes[n - 1], n);
            return windows.value().adjusted(rows, adjusted, raw, sizes, last, tokens, sentences);
        }
    }

    /**
     * The k-grams of order k with their adjusted and raw counts, as {@code AdjustedCounts} defines
     * them, from the distinct n-grams: the n-grams themselves (raw counts) for k = n; for k < n
     * their k-word suffixes, the raw counts summed and the adjusted count the number of distinct
     * words before the suffix (the raw count for a suffix starting with {@code <s>}). N-grams with
     * {@code <s>} inside the part that is counted are left out.
     */
    private static JavaPairRDD<Ngram, long[]> adjustedCounts(JavaPairRDD<Ngram, Long> counted, int n, int k) {
        int s0 = n - k;
        JavaPairRDD<Ngram, Long> usable = counted.filter(e -> !bosIn(e._1().ids, s0 + 1, n));
        if (k == n) {
            return usable.mapToPair(e -> new Tuple2<>(e._1(), new long[] {e._2(), e._2()}));
        }
        return usable
                .mapToPair(e -> new Tuple2<>(new Ngram(Arrays.copyOfRange(e._1().ids, s0 - 1, n)), e._2()))  // word before + suffix
                .reduceByKey(Long::sum)
                .mapToPair(e -> new Tuple2<>(new Ngram(Arrays.copyOfRange(e._1().ids, 1, k + 1)), new long[] {1, e._2()}))
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .mapToPair(e -> new Tuple2<>(e._1(), new long[] {e._1().ids[0] == NgramCounts.BOS ? e._2()[1] : e._2()[0],
                    e._2()[1]}));
    }

    private static boolean bosIn(int[] ids, int from, int to) {
        for (int p = from; p < to; p++) {
            if (ids[p] == NgramCounts.BOS) {
                return true;
            }
        }
        return false;
    }

    /** Suffix order: the last word first, then the one before. */
    private static int compareSuffix(int[] a, int[] b) {
        for (int p = a.length - 1; p >= 0; p--) {
            int c = Integer.compare(a[p], b[p]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One order's k-grams gathered on the driver: rows of ids, adjusted and raw counts. */
    private record Level(int[] rows, long[] adjusted, long[] raw, int size) {
    }

    private static Level gather(TrainKnCommand job, JavaPairRDD<Ngram, long[]> level, int k) {
        int[] rows = new int[1024 * k];
        long[] adjusted = new long[1024];
        long[] raw = new long[1024];
        int size = 0;
        for (Iterator<Tuple2<Ngram, long[]>> it = level.toLocalIterator(); it.hasNext(); ) {
            Tuple2<Ngram, long[]> e = it.next();
            if (size == raw.length) {
                if (size > Integer.MAX_VALUE / 2 / k) {
                    throw new InputFormatException(job.text(), 0, "more distinct " + k + "-grams than one driver can gather");
                }
                rows = Arrays.copyOf(rows, 2 * size * k);
                adjusted = Arrays.copyOf(adjusted, 2 * size);
                raw = Arrays.copyOf(raw, 2 * size);
            }
            System.arraycopy(e._1().ids, 0, rows, size * k, k);
            adjusted[size] = e._2()[0];
            raw[size++] = e._2()[1];
        }
        return new Level(rows, adjusted, raw, size);
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
