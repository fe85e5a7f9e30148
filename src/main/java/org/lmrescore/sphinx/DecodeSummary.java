package org.lmrescore.sphinx;

import org.lmrescore.util.Json;

import java.util.List;
import java.util.Locale;

/**
 * What a decode job did: counts, audio and time. The real-time factor is wall-clock time over audio
 * duration (below 1 is faster than real time); the per-thread factor is the decoding time one
 * thread spent per second of audio. Wall time runs from the moment the first recogniser is ready:
 * loading the models (a few seconds per thread, in parallel) is not counted.
 */
public record DecodeSummary(int utterances, int decoded, int noSpeech, List<String> failures,
                            double audioSeconds, double threadSeconds, double wallSeconds, int threads) {
    public double realTimeFactor() {
        return audioSeconds > 0 ? wallSeconds / audioSeconds : Double.NaN;
    }

    public double perThreadRealTimeFactor() {
        return audioSeconds > 0 ? threadSeconds / audioSeconds : Double.NaN;
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "%,d utterances: %,d decoded, %,d without speech, %,d failed; %.1f s of audio in %.1f s with %d thread%s: "
                        + "%.2f x real time (%.2f x per thread)",
                utterances, decoded, noSpeech, failures.size(), audioSeconds, wallSeconds, threads, threads == 1 ? "" : "s",
                realTimeFactor(), perThreadRealTimeFactor());
    }

    public String toJson() {
        return toJsonObject().toString();
    }

    Json toJsonObject() {
        return new Json()
                .put("utterances", utterances)
                .put("decoded", decoded)
                .put("no_speech", noSpeech)
                .put("failed", failures.size())
                .put("audio_seconds", round(audioSeconds))
                .put("wall_seconds", round(wallSeconds))
                .put("thread_seconds", round(threadSeconds))
                .put("threads", threads)
                .put("real_time_factor", round(realTimeFactor()))
                .put("per_thread_real_time_factor", round(perThreadRealTimeFactor()));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
