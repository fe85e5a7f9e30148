package org.lmrescore.spark;

import org.lmrescore.cli.Main;
import org.lmrescore.cli.TuneCommand;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.rescore.tune.FeatureExtractor;
import org.lmrescore.rescore.tune.UtteranceFeatures;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tune} as a Spark job: the same options and outputs as {@code bin/tune}. Its expensive
 * part, scoring every hypothesis with every model ({@link FeatureExtractor}), runs on the
 * executors, file by file (models loaded once per executor JVM, as every {@link FileJob}); the
 * cached features come back to the driver in input order, and the weight search, which never
 * calls a model, runs there exactly as the command runs it, so it chooses the same weights.
 *
 * <pre>
 * spark-submit --class org.lmrescore.spark.SparkTune --master yarn target/lmrescore-all.jar \
 *     --rnn a.bin,b.bin --kn kn5.bin --in dev-lattices.list --ref dev.trn --params best.args
 * </pre>
 */
public final class SparkTune {
    private SparkTune() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns the exit status {@code bin/tune} would. */
    public static int run(String... args) {
        Driver driver = new Driver();
        return driver.execute("SparkTune", new TuneCommand(driver), args);
    }

    private static final class Driver extends CommandDriver implements TuneCommand.Runner {
        @Override
        public List<Path> inputs(TuneCommand job, String raw) {
            return inputs(raw, () -> TuneCommand.Runner.super.inputs(job, raw));
        }

        @Override
        public List<UtteranceFeatures> features(TuneCommand job, List<Path> files) {
            List<UtteranceFeatures> out = new ArrayList<>();
            for (FileJob.Outcome<ScoredFile> o : run(new FileJob<>("tune", new Worker()))) {
                try {
                    out.addAll(o.resultOrThrow().features());
                } catch (InputFormatException e) {  // as the command's reading: reported and skipped unless --strict
                    if (job.strict()) {
                        throw e;
                    }
                    Log.warn("skipped: %s", e.getMessage());
                }
            }
            return out;
        }
    }

    /** The features of one file's utterances that have a reference. */
    record ScoredFile(List<UtteranceFeatures> features) implements Serializable {
    }

    static final class Worker implements FileJob.Worker<Worker.Prepared, ScoredFile> {
        record Prepared(TuneCommand job, FeatureExtractor extractor) {
        }

        @Override
        public Prepared prepare(List<String> args) {
            TuneCommand job = new TuneCommand();
            Main.commandLine(job).parseArgs(args.toArray(new String[0]));
            job.prepare();
            return new Prepared(job, job.featureExtractor());
        }

        @Override
        public ScoredFile process(Prepared p, Path file) {
            List<NBestList> lists = p.job().lists(List.of(file), true);  // a bad file: this file's error, for the driver
            return new ScoredFile(p.extractor().extract(lists, p.job().references(), 1));
        }
    }
}
