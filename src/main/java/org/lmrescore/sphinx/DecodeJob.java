package org.lmrescore.sphinx;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.Json;
import org.lmrescore.util.RunFolder;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.Progress;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decodes a list of utterances on N worker threads, each with its own {@link SphinxRecognizer}
 * allocated once, and writes under the output folder: per utterance the Sphinx lattice dump
 * ({@code <uttid>.lat}) and whatever {@link UtteranceOutputs} adds; for the job {@code hyp.trn},
 * {@code hyp.ctm} and {@code summary.json}. Unreadable or empty audio and utterances Sphinx fails
 * on are reported and skipped; utterances without speech get an empty hypothesis and no lattice.
 */
public final class DecodeJob {
    /** Wall-clock seconds between status lines (real-time factor, ETA) on long jobs. */
    private static final double STATUS_EVERY_SECONDS = 30;

    private final DecoderConfig config;
    /** The name its output folders' summary.json carries (RunFolder). */
    static final String COMMAND = "decode";
    static final String HYP_TRN = "hyp.trn";
    static final String HYP_CTM = "hyp.ctm";

    private final Path outDir;
    private final int threads;
    private final UtteranceOutputs outputs;

    public DecodeJob(DecoderConfig config, Path outDir, int threads, UtteranceOutputs outputs) {
        if (threads < 1) {
            throw new InputFormatException("--threads must be at least 1, got " + threads);
        }
        this.config = config;
        this.outDir = outDir;
        this.threads = threads;
        this.outputs = outputs;
    }

    /** The files a decode run writes in its folder (relative paths): its file set for {@link RunFolder}. */
    static boolean owns(String relative) {
        return relative.equals(HYP_TRN) || relative.equals(HYP_CTM) || UtteranceOutputs.owns(relative);
    }

    public DecodeSummary run(List<Utterance> utterances) {
        RunFolder.claim(outDir, COMMAND, DecodeJob::owns);
        config.validate();
        int n = utterances.size();
        int workers = Math.min(threads, n);
        warnIfHeapTooSmall(workers);
        double totalAudio = 0;
        for (Utterance u : utterances) {
            totalAudio += headerSeconds(u.audio());
        }
        Log.info("decode: %,d utterances (%.1f s of audio) with %d thread%s; %s", n, totalAudio, workers,
                workers == 1 ? "" : "s", config.describe());

        TranscriptFiles.Hypothesis[] hyps = new TranscriptFiles.Hypothesis[n];
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger decoded = new AtomicInteger();
        AtomicInteger noSpeech = new AtomicInteger();
        AtomicLong audioMicros = new AtomicLong();
        AtomicLong threadMicros = new AtomicLong();
        AtomicBoolean missingReported = new AtomicBoolean();
        Progress progress = new Progress("decode", n, "utt");
        Status status = new Status(totalAudio);
        Throwable[] fatal = new Throwable[1];

        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try (SphinxRecognizer recognizer = SphinxRecognizer.create(config)) {
                    if (missingReported.compareAndSet(false, true)) {
                        List<String> missing = recognizer.missingWords();
                        String message = MissingWords.describe(missing, recognizer.languageModel().getVocabulary().size());
                        if (message != null) {
                            Log.warn("%s", message);
                        }
                    }
                    status.start();
                    int i;
                    while ((i = next.getAndIncrement()) < n && fatal[0] == null) {
                        Utterance u = utterances.get(i);
                        try {
                            if (!UtteranceList.validId(u.id())) {  // a folder's file name: skip it, decode the rest
                                throw new InputFormatException(u.audio(), 0, "utterance id '" + u.id() + "' "
                                        + UtteranceList.ID_RULE + "; rename the file");
                            }
                            Audio audio = Audio.read(u.audio());
                            if (audio.converted()) {
                                Log.info("%s: converted to 16 kHz mono 16-bit", u.audio());
                            }
                            Decoding d = recognizer.decode(u.id(), audio);
                            audioMicros.addAndGet(Math.round(audio.seconds() * 1e6));
                            if (d == null) {
                                noSpeech.incrementAndGet();
                                hyps[i] = new TranscriptFiles.Hypothesis(u.id(), List.of());
                                Log.warn("%s: no speech found in %s (empty hypothesis, no lattice)", u.id(), u.audio());
                            } else {
                                threadMicros.addAndGet(Math.round(d.decodeSeconds() * 1e6));
                                outputs.write(recognizer, d, outDir);
                                hyps[i] = new TranscriptFiles.Hypothesis(u.id(), d.words());
                                decoded.incrementAndGet();
                                Log.info("%s: %.2f s of audio in %.2f s (%.2f x real time): %s", u.id(), d.audioSeconds(),
                                        d.decodeSeconds(), d.decodeSeconds() / d.audioSeconds(), d.hypothesis());
                            }
                        } catch (InputFormatException e) {
                            failures.add(e.getMessage());
                            Log.warn("skipped: %s", e.getMessage());
                        } catch (RuntimeException e) {
                            String message = u.id() + ": decoding failed: " + e;
                            failures.add(message);
                            Log.warn("skipped %s", message);
                        }
                        progress.advance(1);
                        status.maybePrint(next.get(), n, audioMicros.get() / 1e6);
                    }
                } catch (Throwable e) {
                    synchronized (fatal) {
                        if (fatal[0] == null) {
                            fatal[0] = e;
                        }
                    }
                }
            }, "decode-" + w);
            pool.add(t);
            t.start();
        }
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        progress.finish();
        if (fatal[0] != null) {
            if (fatal[0] instanceof OutOfMemoryError) {
                throw new InputFormatException("out of memory: each thread needs about 1 GB of heap at beam 5000 and 2 GB at "
                        + "the default beam; use fewer --threads, a smaller --beam, or more heap (LMRESCORE_JAVA_OPTS=-Xmx...)");
            }
            if (fatal[0] instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(fatal[0]);
        }

        List<TranscriptFiles.Hypothesis> written = new ArrayList<>();
        for (TranscriptFiles.Hypothesis h : hyps) {
            if (h != null) {
                written.add(h);
            }
        }
        TranscriptFiles.writeTrn(outDir.resolve(HYP_TRN), written);
        TranscriptFiles.writeCtm(outDir.resolve(HYP_CTM), written);
        DecodeSummary summary = new DecodeSummary(n, decoded.get(), noSpeech.get(), List.copyOf(failures),
                audioMicros.get() / 1e6, threadMicros.get() / 1e6, status.elapsed(), workers);
        Json manifest = summary.toJsonObject().put("command", COMMAND).put("files", RunFolder.files(outDir, DecodeJob::owns));
        AtomicOutput.writeString(outDir.resolve(RunFolder.SUMMARY), manifest + "\n");
        return summary;
    }

    /** Duration from the file header (0 when unreadable: the decode reports it properly). */
    private static double headerSeconds(Path audio) {
        try {
            AudioFileFormat f = AudioSystem.getAudioFileFormat(audio.toFile());
            long frames = f.getFrameLength();
            return frames > 0 ? frames / (double) f.getFormat().getFrameRate() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private void warnIfHeapTooSmall(int workers) {
        long perWorker = (config.absoluteBeam() <= 5000 ? 1L : 2L) << 30;
        long max = Runtime.getRuntime().maxMemory();
        if (max != Long.MAX_VALUE && workers * perWorker > max) {
            Log.warn("%d thread%s at beam %d may need about %d GB of heap, more than the %.1f GB available "
                            + "(set LMRESCORE_JAVA_OPTS=-Xmx... or use fewer --threads)", workers, workers == 1 ? "" : "s",
                    config.absoluteBeam(), workers * (perWorker >> 30), max / (double) (1L << 30));
        }
    }

    /** Periodic status line: progress, real-time factor and ETA, printed even when not on a terminal. */
    private static final class Status {
        private final double totalAudio;
        private volatile long startNanos;
        private long lastPrint;

        Status(double totalAudio) {
            this.totalAudio = totalAudio;
        }

        synchronized void start() {
            if (startNanos == 0) {
                startNanos = System.nanoTime();
                lastPrint = startNanos;
            }
        }

        double elapsed() {
            return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
        }

        synchronized void maybePrint(int done, int total, double audioDone) {
            long now = System.nanoTime();
            if ((now - lastPrint) / 1e9 < STATUS_EVERY_SECONDS || audioDone <= 0) {
                return;
            }
            lastPrint = now;
            double secs = elapsed();
            double rtf = secs / audioDone;
            double eta = Math.max(0, totalAudio - audioDone) * rtf;
            Log.always(String.format(Locale.ROOT, "decode: %d/%d utterances, %.0f/%.0f s of audio, %.2f x real time, ETA %s",
                    Math.min(done, total), total, audioDone, totalAudio, rtf, formatSeconds(eta)));
        }

        private static String formatSeconds(double s) {
            long secs = Math.round(s);
            return String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60);
        }
    }
}
