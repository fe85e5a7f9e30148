package org.lmrescore.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.lmrescore.cli.Main;
import org.lmrescore.cli.RescoreCommand;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.BatchRescorer;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.rescore.UtteranceRescorer;
import org.lmrescore.rescore.UtteranceResult;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import picocli.CommandLine;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code rescore} as a Spark job: the same options, inputs and outputs as {@code bin/rescore},
 * the files rescored by the cluster's executors instead of this JVM's threads.
 *
 * <pre>
 * spark-submit --class org.lmrescore.spark.SparkRescore --master yarn target/lmrescore-all.jar \
 *     @best.args --mix best.mix --in lattices.list --out DIR --ref ref.trn
 * </pre>
 *
 * <p>Why it is built this way. The driver parses the options with {@link RescoreCommand} itself
 * and does everything but the rescoring as the command does (output guard, summary, WER, every
 * output file); only its {@link RescoreCommand.Runner} differs. Each executor parses the same
 * (expanded) arguments, loads the models once per JVM and shares them among its tasks, and
 * rescores whole files with the one {@link BatchRescorer#rescoreFile}; the results come back to
 * the driver in input order, so {@code best.trn} is byte for byte the one {@code bin/rescore}
 * writes. A malformed file is a failure of its own task's result, reported and skipped as the
 * command does (with {@code --strict} it fails the run), never a failed Spark job. Dynamic
 * rescoring ({@code --dynamic}) is sequential by nature and refused.
 *
 * <p>The master comes from Spark's configuration ({@code spark-submit --master}, or
 * {@code -Dspark.master=local[2]} on a plain {@code java -cp}). Paths in the arguments must be
 * readable where the executors run (a shared file system), or be shipped with
 * {@code spark-submit --files}: an argument file that does not exist on an executor is looked up
 * by its base name among the shipped files. Rescored lattices are written by the executors under
 * {@code --out}, so on a cluster give a shared folder or {@code --no-lattices}.
 */
public final class SparkRescore {
    private SparkRescore() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns the exit status {@code bin/rescore} would. */
    public static int run(String... args) {
        Log.setVerbose(false);
        Driver driver = new Driver();
        CommandLine cli = Main.commandLine(new RescoreCommand(driver));
        cli.setCommandName("SparkRescore");
        driver.cli = cli;
        return cli.execute(args);
    }

    /** The driver's runner: ships the files to the executors and gathers their outcomes. */
    private static final class Driver implements RescoreCommand.Runner {
        CommandLine cli;

        @Override
        public RescoreCommand.Rescored rescore(RescoreCommand job, List<Path> files) {
            if (job.dynamic()) {
                throw new InputFormatException("--dynamic rescores the utterances one at a time, in order, each one "
                        + "adapting the RNNs for the next: it cannot be spread over a cluster; run bin/rescore for it");
            }
            List<String> args = new ArrayList<>(cli.getParseResult().expandedArgs());  // @files expanded: none on executors
            long start = System.nanoTime();
            List<IndexedFile> indexed = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                indexed.add(new IndexedFile(i, files.get(i).toAbsolutePath().toString()));
            }
            List<PartitionOutcome> partitions;
            SparkConf conf = new SparkConf().setAppName("lmrescore rescore");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                int slices = Math.max(1, Math.min(files.size(), 4 * sc.defaultParallelism()));
                Log.info("rescoring %d files in %d Spark tasks", files.size(), slices);
                partitions = sc.parallelize(indexed, slices).mapPartitions(it -> {
                    List<IndexedFile> mine = new ArrayList<>();
                    it.forEachRemaining(mine::add);
                    return List.of(Executor.rescore(args, mine)).iterator();
                }).collect();
            }
            List<FileOutcome> outcomes = new ArrayList<>();
            long oovs = 0;
            for (PartitionOutcome p : partitions) {
                outcomes.addAll(p.files());
                oovs += p.oovs();
            }
            outcomes.sort(Comparator.comparingInt(FileOutcome::index));
            List<BatchRescorer.Task> tasks = new ArrayList<>();
            for (FileOutcome o : outcomes) {
                tasks.add(o::resultsOrThrow);
            }
            BatchRescorer.Outcome outcome = BatchRescorer.gather(files, tasks, job.strict(), (System.nanoTime() - start) / 1e9);
            return new RescoreCommand.Rescored(outcome, oovs);
        }
    }

    /** A file and its place in the input order. */
    record IndexedFile(int index, String path) implements Serializable {
    }

    /** One file's results, or why it failed ({@code inputError}: bad input; {@code error}: anything else). */
    record FileOutcome(int index, List<UtteranceResult> results, String inputError, String error) implements Serializable {
        List<UtteranceResult> resultsOrThrow() {
            if (inputError != null) {
                throw new InputFormatException(inputError);
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
            return results;
        }
    }

    /** A task's files, and the words its scorer could not score. */
    record PartitionOutcome(List<FileOutcome> files, long oovs) implements Serializable {
    }

    /** The executor side: the job parsed and its models loaded once per JVM, shared by its tasks. */
    static final class Executor {
        private record Prepared(RescoreCommand job, LanguageModel lm) {
        }

        private static final Map<List<String>, Prepared> PREPARED = new ConcurrentHashMap<>();

        private Executor() {
        }

        /** How many jobs this JVM has prepared (tests: the executor side ran here, in local mode). */
        static int preparedJobs() {
            return PREPARED.size();
        }

        static PartitionOutcome rescore(List<String> args, List<IndexedFile> files) {
            Prepared p = PREPARED.computeIfAbsent(shipped(args), a -> {
                RescoreCommand job = new RescoreCommand();
                Main.commandLine(job).parseArgs(a.toArray(new String[0]));
                job.prepare();
                return new Prepared(job, job.languageModel());
            });
            Scorer scorer = p.job().scorer(p.lm());  // per task: its OOV count is this task's
            UtteranceRescorer rescorer = p.job().utteranceRescorer(scorer);
            List<FileOutcome> out = new ArrayList<>();
            for (IndexedFile f : files) {
                Path path = Path.of(f.path());
                try {
                    out.add(new FileOutcome(f.index(), BatchRescorer.rescoreFile(path, p.job().reading(), rescorer, null),
                            null, null));
                } catch (InputFormatException e) {
                    out.add(new FileOutcome(f.index(), null, e.getMessage(), null));
                } catch (RuntimeException e) {
                    out.add(new FileOutcome(f.index(), null, null, e.toString()));
                }
            }
            return new PartitionOutcome(out, scorer.oovCount());
        }

        /**
         * The arguments with every path that does not exist here replaced by the file of the same
         * base name shipped with {@code --files}, where there is one (comma-separated lists too).
         */
        static List<String> shipped(List<String> args) {
            Path root;
            try {
                root = Path.of(SparkFiles.getRootDirectory());
            } catch (RuntimeException e) {  // no Spark environment: nothing was shipped
                return args;
            }
            List<String> out = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("-")) {
                    out.add(arg);
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (String part : arg.split(",", -1)) {
                    parts.add(shippedPath(root, part));
                }
                out.add(String.join(",", parts));
            }
            return out;
        }

        private static String shippedPath(Path root, String part) {
            try {
                if (part.isEmpty() || Files.exists(Path.of(part))) {
                    return part;
                }
                Path name = Path.of(part).getFileName();
                Path candidate = name == null ? null : root.resolve(name);
                return candidate != null && Files.isRegularFile(candidate) ? candidate.toString() : part;
            } catch (java.nio.file.InvalidPathException e) {
                return part;
            }
        }
    }
}
