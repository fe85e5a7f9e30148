package org.lmrescore.spark;

import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The shape every Spark job here has: input files processed independently on the executors, one
 * result per file brought back to the driver in input order. The executors rebuild the work
 * from the command's own arguments ({@link Worker#prepare}), once per JVM and shared by its tasks
 * (the models are loaded once), and a file that fails is a result too (its error message), never
 * a failed Spark task: the driver reports and skips it as the command does.
 *
 * <p>Inputs are local paths, as the command resolves them, or a URI of any Hadoop file system
 * ({@link RemoteFiles}), listed on the driver and copied by the executor that reads each file.
 *
 * <p>The master comes from Spark's configuration ({@code spark-submit --master}, or
 * {@code -Dspark.master=local[2]} on a plain {@code java -cp}). Paths in the arguments must be
 * readable where the executors run (a shared file system), or be shipped with
 * {@code spark-submit --files}: an argument that names no file on an executor is looked up by its
 * base name among the shipped files.
 *
 * @param <P> what an executor prepares once from the arguments (the parsed command, its models)
 * @param <R> the result of one file
 */
public final class FileJob<P, R extends Serializable> {
    /**
     * The executor's side of a job; serialisable, so keep it a lambda or a small class without
     * state of its own.
     */
    public interface Worker<P, R> extends Serializable {
        /** Parses the arguments and loads what every file needs; called once per executor JVM. */
        P prepare(List<String> args);

        /** The result of one file. */
        R process(P prepared, Path file);
    }

    /** One file's outcome: its result, or the message of the error that stopped it ({@code input}: bad input). */
    public record Outcome<R>(int index, R result, String error, boolean input) implements Serializable {
        /** The result, or the error thrown again on the driver (bad input as {@link InputFormatException}). */
        public R resultOrThrow() {
            if (error == null) {
                return result;
            }
            throw input ? new InputFormatException(error) : new IllegalStateException(error);
        }
    }

    /** What each job's arguments prepared on this JVM, kept for its life (a spark-submit's executors). */
    private static final Map<String, Object> PREPARED = new ConcurrentHashMap<>();
    /** The index of the outcome that says an executor could not prepare the job. */
    private static final int SETUP = -1;

    private final String name;
    private final Worker<P, R> worker;

    public FileJob(String name, Worker<P, R> worker) {
        this.name = name;
        this.worker = worker;
    }

    /**
     * The files of a command's {@code --in}: {@code raw}, its text as given, names them by a URI
     * ({@link RemoteFiles}: any Hadoop file system), or else as the command resolves a local path.
     */
    public record Inputs(List<Path> labels, List<String> locations, boolean remote) {
        public static Inputs of(String raw, java.util.function.Supplier<List<Path>> local) {
            List<Path> labels = new ArrayList<>();
            List<String> locations = new ArrayList<>();
            if (RemoteFiles.isUri(raw)) {
                for (String uri : RemoteFiles.list(raw)) {
                    labels.add(Path.of(uri));  // a name for messages only
                    locations.add(uri);
                }
            } else {
                for (Path p : local.get()) {
                    labels.add(p);
                    locations.add(p.toAbsolutePath().toString());
                }
            }
            return new Inputs(labels, locations, RemoteFiles.isUri(raw));
        }
    }

    /** Runs the job over the inputs with the command's arguments ({@code @files} expanded): the outcomes in input order. */
    public List<Outcome<R>> run(Inputs inputs, List<String> args) {
        List<String> locations = inputs.locations();
        List<String> shippedArgs = new ArrayList<>(args);
        List<IndexedFile> indexed = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            indexed.add(new IndexedFile(i, locations.get(i), inputs.remote()));
        }
        Worker<P, R> w = worker;
        String key = name;
        List<Outcome<R>> outcomes;
        try (JavaSparkContext sc = SparkContexts.open(name)) {
            int slices = Math.max(1, Math.min(locations.size(), 4 * sc.defaultParallelism()));
            Log.info("%s: %d files in %d Spark tasks", name, locations.size(), slices);
            outcomes = new ArrayList<>(sc.parallelize(indexed, slices)
                    .mapPartitions(it -> processAll(key, w, shippedArgs, it).iterator()).collect());
        }
        for (Outcome<R> o : outcomes) {
            if (o.index() == SETUP) {
                o.resultOrThrow();  // an executor could not prepare the job (a model it cannot read): stop with its message
            }
        }
        outcomes.sort(Comparator.comparingInt(Outcome::index));
        return outcomes;
    }

    /** How many jobs this JVM has prepared (tests: the executor side ran here, in local mode). */
    static int preparedJobs() {
        return PREPARED.size();
    }

    /** A file, its place in the input order, and whether it is read through Hadoop (a URI) or is a local path. */
    private record IndexedFile(int index, String path, boolean remote) implements Serializable {
    }

    @SuppressWarnings("unchecked")
    private static <P, R extends Serializable> List<Outcome<R>> processAll(String name, Worker<P, R> worker, List<String> args,
                                                                           java.util.Iterator<IndexedFile> files) {
        List<String> localArgs = shipped(args);
        List<Outcome<R>> out = new ArrayList<>();
        P prepared;
        try {
            prepared = (P) PREPARED.computeIfAbsent(name + '\u0000' + String.join("\u0000", localArgs),
                    k -> worker.prepare(localArgs));
        } catch (RuntimeException e) {  // a model that cannot be read: the job's error, not this task's
            out.add(new Outcome<>(SETUP, null, e instanceof InputFormatException ? e.getMessage() : e.toString(),
                    e instanceof InputFormatException));
            return out;
        }
        while (files.hasNext()) {
            IndexedFile f = files.next();
            Path copies = null;
            String local = f.path();
            try {
                if (f.remote()) {
                    copies = Files.createTempDirectory("lmrescore-input-");
                    local = RemoteFiles.copy(f.path(), copies).toString();
                }
                out.add(new Outcome<>(f.index(), worker.process(prepared, Path.of(local)), null, false));
            } catch (InputFormatException e) {  // messages name the file as the user did, not its copy
                out.add(new Outcome<>(f.index(), null, e.getMessage().replace(local, f.path()), true));
            } catch (RuntimeException | java.io.IOException e) {
                out.add(new Outcome<>(f.index(), null, e.toString().replace(local, f.path()), false));
            } finally {
                if (copies != null) {
                    RemoteFiles.delete(copies);
                }
            }
        }
        return out;
    }

    /**
     * The arguments with every path that does not exist here replaced by the file of the same base
     * name shipped with {@code --files}, where there is one (comma-separated lists too).
     */
    static List<String> shipped(List<String> args) {
        Path root;
        try {
            root = Path.of(SparkFiles.getRootDirectory());
        } catch (RuntimeException e) {  // no Spark environment: nothing was shipped
            return args;
        }
        Function<String, String> local = part -> {
            try {
                if (part.isEmpty() || part.startsWith("-") || Files.exists(Path.of(part))) {
                    return part;
                }
                Path base = Path.of(part).getFileName();
                Path candidate = base == null ? null : root.resolve(base);
                return candidate != null && Files.isRegularFile(candidate) ? candidate.toString() : part;
            } catch (java.nio.file.InvalidPathException e) {
                return part;
            }
        };
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            List<String> parts = new ArrayList<>();
            for (String part : arg.split(",", -1)) {
                parts.add(local.apply(part));
            }
            out.add(String.join(",", parts));
        }
        return out;
    }
}
