package org.lmrescore.spark;

import org.lmrescore.cli.Main;
import org.lmrescore.cli.RescoreCommand;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.BatchRescorer;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.rescore.UtteranceRescorer;
import org.lmrescore.rescore.UtteranceResult;
import org.lmrescore.util.InputFormatException;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rescore} as a Spark job: the same options, inputs and outputs as {@code bin/rescore},
 * the files rescored by the cluster's executors instead of this JVM's threads.
 *
 * <pre>
 * spark-submit --class org.lmrescore.spark.SparkRescore --master yarn target/lmrescore-all.jar \
 *     {@literal @}best.args --mix best.mix --in lattices.list --out DIR --ref ref.trn
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
 * <p>The master, and how paths reach the executors, as every {@link FileJob}. Rescored lattices
 * are written by the executors under {@code --out}, so on a cluster give a shared folder or
 * {@code --no-lattices}.
 */
public final class SparkRescore {
    private SparkRescore() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns the exit status {@code bin/rescore} would. */
    public static int run(String... args) {
        Driver driver = new Driver();
        return driver.execute("SparkRescore", new RescoreCommand(driver), args);
    }

    /** The driver's runner: ships the files to the executors and gathers their outcomes. */
    private static final class Driver extends CommandDriver implements RescoreCommand.Runner {
        @Override
        public List<Path> inputs(RescoreCommand job, String raw) {
            return inputs(raw, () -> RescoreCommand.Runner.super.inputs(job, raw));
        }

        @Override
        public RescoreCommand.Rescored rescore(RescoreCommand job, List<Path> files) {
            if (job.dynamic()) {
                throw new InputFormatException("--dynamic rescores the utterances one at a time, in order, each one "
                        + "adapting the RNNs for the next: it cannot be spread over a cluster; run bin/rescore for it");
            }
            long start = System.nanoTime();
            List<FileJob.Outcome<RescoredFile>> outcomes = run(new FileJob<>("rescore", new Worker()));
            List<BatchRescorer.Task> tasks = new ArrayList<>();
            long oovs = 0;
            for (FileJob.Outcome<RescoredFile> o : outcomes) {
                tasks.add(() -> o.resultOrThrow().results());
                oovs += o.result() == null ? 0 : o.result().oovs();
            }
            BatchRescorer.Outcome outcome = BatchRescorer.gather(files, tasks, job.strict(), (System.nanoTime() - start) / 1e9);
            return new RescoreCommand.Rescored(outcome, oovs);
        }
    }

    /** One file's utterances rescored, and the words its models could not score. */
    record RescoredFile(List<UtteranceResult> results, long oovs) implements Serializable {
    }

    /** The executor side: the command parsed and its models loaded once per JVM; each file with its own scorer. */
    static final class Worker implements FileJob.Worker<Worker.Prepared, RescoredFile> {
        record Prepared(RescoreCommand job, LanguageModel lm) {
        }

        @Override
        public Prepared prepare(List<String> args) {
            RescoreCommand job = new RescoreCommand();
            Main.commandLine(job).parseArgs(args.toArray(new String[0]));
            job.prepare();
            return new Prepared(job, job.languageModel());
        }

        @Override
        public RescoredFile process(Prepared p, Path file) {
            Scorer scorer = p.job().scorer(p.lm());  // its OOV count is this file's
            UtteranceRescorer rescorer = p.job().utteranceRescorer(scorer);
            List<UtteranceResult> results = BatchRescorer.rescoreFile(file, p.job().reading(), rescorer, null);
            return new RescoredFile(results, scorer.oovCount());
        }
    }
}
