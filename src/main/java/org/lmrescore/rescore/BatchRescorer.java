package org.lmrescore.rescore;

import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.ReadOptions;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rescores many files on a pool of threads (utterances are independent), with a progress bar.
 * A file that fails (malformed, unreadable) is reported and skipped, the others are still
 * rescored; with {@code strict} the first failure stops the run. Results keep the input order.
 * With an {@link AdaptationHook} the files are rescored one at a time, in order.
 */
public final class BatchRescorer {
    /** A file that could not be rescored, and why (file:line: what). */
    public record Failure(Path file, String message) {
    }

    /** Every result in input order, the failures, and the wall-clock time. */
    public record Outcome(List<UtteranceResult> results, List<Failure> failures, double seconds) {
    }

    private BatchRescorer() {
    }

    public static Outcome run(List<Path> files, UtteranceRescorer rescorer, int threads, boolean strict,
                              AdaptationHook hook) {
        return run(files, ReadOptions.AUTO, rescorer, threads, strict, hook);
    }

    /** {@code reading}: the format of every file ({@code --input-format}; none: each recognised by its content) and Kaldi's symbol table. */
    public static Outcome run(List<Path> files, ReadOptions reading, UtteranceRescorer rescorer, int threads, boolean strict,
                              AdaptationHook hook) {
        long start = System.nanoTime();
        Progress progress = new Progress("rescore", files.size(), "files");
        List<UtteranceResult> results = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<String, Path> fileOfId = new HashMap<>();
        if (hook != null || threads <= 1) {
            for (Path f : files) {
                collect(f, () -> rescoreFile(f, reading, rescorer, hook), results, failures, strict, fileOfId);
                progress.advance(1);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "rescore");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<UtteranceResult>>> futures = new ArrayList<>();
                for (Path f : files) {
                    futures.add(pool.submit(() -> {
                        try {
                            return rescoreFile(f, reading, rescorer, null);
                        } finally {
                            progress.advance(1);
                        }
                    }));
                }
                for (int i = 0; i < files.size(); i++) {
                    Future<List<UtteranceResult>> future = futures.get(i);
                    collect(files.get(i), () -> get(future), results, failures, strict, fileOfId);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        progress.finish();
        return new Outcome(results, failures, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The outcome of files rescored elsewhere (a Spark cluster): each file's results, or the
     * failure its task threw, gathered in input order by the rules of {@link #run}.
     */
    public static Outcome gather(List<Path> files, List<Task> tasks, boolean strict, double seconds) {
        List<UtteranceResult> results = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<String, Path> fileOfId = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            collect(files.get(i), tasks.get(i), results, failures, strict, fileOfId);
        }
        return new Outcome(results, failures, seconds);
    }

    /** The utterances of one file, rescored in order (the hook, when given, adapts after each). */
    public static List<UtteranceResult> rescoreFile(Path f, ReadOptions reading, UtteranceRescorer rescorer,
                                                    AdaptationHook hook) {
        List<UtteranceResult> out = new ArrayList<>();
        InputFormat.read(f, reading, u -> {  // one lattice of a Kaldi archive in memory at a time
            UtteranceResult r = rescorer.rescore(u);
            if (hook != null) {
                hook.adapt(r.id(), r.output());
            }
            out.add(r);
        });
        return out;
    }

    /** One file's rescoring: its results, or a failure thrown. */
    public interface Task {
        List<UtteranceResult> call();
    }

    /**
     * Adds a file's results in input order; a failed file, or one repeating an utterance id of an
     * earlier file (the outputs are keyed by id, so one of them would be lost), is recorded as
     * skipped, both files named.
     */
    private static void collect(Path f, Task task, List<UtteranceResult> results, List<Failure> failures, boolean strict,
                                Map<String, Path> fileOfId) {
        try {
            List<UtteranceResult> rescored = task.call();
            Set<String> own = new HashSet<>();
            for (UtteranceResult r : rescored) {
                Path earlier = fileOfId.get(r.id());
                if (earlier != null || !own.add(r.id())) {
                    throw new InputFormatException(f, 0, "utterance id '" + r.id() + "' again (also in "
                            + (earlier != null ? earlier : f) + "): ids must be unique across the inputs");
                }
            }
            for (UtteranceResult r : rescored) {
                fileOfId.put(r.id(), f);
            }
            results.addAll(rescored);
        } catch (InputFormatException e) {
            if (strict) {
                throw e;
            }
            Log.warn("skipped %s", e.getMessage());
            failures.add(new Failure(f, e.getMessage()));
        } catch (RuntimeException e) {
            if (strict) {
                throw e;
            }
            String message = f + ": cannot rescore: " + e;
            Log.warn("skipped %s", message);
            failures.add(new Failure(f, message));
        }
    }

    private static List<UtteranceResult> get(Future<List<UtteranceResult>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
