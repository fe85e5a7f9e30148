package org.lmrescore.sphinx;

import org.lmrescore.util.InputFormatException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One recording as the decoder needs it: 16 kHz mono 16-bit samples. {@link #read} accepts any
 * PCM WAV/AIFF/AU that Java can open (8 to 32 bits, signed or unsigned, either byte order, any
 * number of channels, any rate) and converts it: channels are averaged, other rates resampled.
 */
public final class Audio {
    private final short[] samples;
    private final boolean converted;

    private Audio(short[] samples, boolean converted) {
        this.samples = samples;
        this.converted = converted;
    }

    /** Audio already at 16 kHz mono (used by tests and by callers with their own capture). */
    public static Audio of16kMono(short[] samples) {
        return new Audio(samples.clone(), false);
    }

    /** More channels than any recording of speech has. */
    static final int MAX_CHANNELS = 16;

    /** Reads and converts a sound file; bad or empty audio is an {@link InputFormatException}. */
    public static Audio read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputFormatException(file, 0, "no such audio file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat format = in.getFormat();
            AudioFormat.Encoding enc = format.getEncoding();
            boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(enc);
            if (!signed && !AudioFormat.Encoding.PCM_UNSIGNED.equals(enc)) {
                throw new InputFormatException(file, 0, "unsupported audio encoding " + enc + " (expected PCM)");
            }
            int bits = format.getSampleSizeInBits();
            int channels = format.getChannels();
            // (a header claiming thousands of channels gives frames longer than the stream's read
            // buffer, and AudioInputStream then returns 0 bytes forever)
            if (bits % 8 != 0 || bits < 8 || bits > 32 || channels < 1 || channels > MAX_CHANNELS) {
                throw new InputFormatException(file, 0, "unsupported PCM layout: " + bits + " bits, " + channels + " channels");
            }
            byte[] bytes = in.readAllBytes();
            double[] mono = toMono(bytes, bits / 8, channels, signed, format.isBigEndian());
            if (mono.length == 0) {
                throw new InputFormatException(file, 0, "no audio samples");
            }
            int rate = Math.round(format.getSampleRate());
            if (rate < 8000) {
                throw new InputFormatException(file, 0, "sample rate " + rate + " Hz is too low (16 kHz expected)");
            }
            boolean converted = channels != 1 || bits != 16 || !signed || rate != DecoderConfig.SAMPLE_RATE;
            if (rate != DecoderConfig.SAMPLE_RATE) {
                mono = Resampler.resample(mono, rate, DecoderConfig.SAMPLE_RATE);
            }
            return new Audio(toShorts(mono), converted);
        } catch (UnsupportedAudioFileException e) {
            throw new InputFormatException(file, 0, "not a readable audio file (expected a PCM WAV)");
        } catch (IOException e) {
            throw new InputFormatException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Averages the channels of interleaved PCM frames into one signal scaled to 16-bit range. */
    static double[] toMono(byte[] bytes, int bytesPerSample, int channels, boolean signed, boolean bigEndian) {
        int frameSize = bytesPerSample * channels;
        int frames = bytes.length / frameSize;
        double[] out = new double[frames];
        int bits = bytesPerSample * 8;
        double scale = Math.pow(2, 16 - bits);
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = f * frameSize + c * bytesPerSample;
                long v = 0;
                for (int b = 0; b < bytesPerSample; b++) {
                    int idx = bigEndian ? at + b : at + bytesPerSample - 1 - b;
                    v = (v << 8) | (bytes[idx] & 0xff);
                }
                if (signed) {
                    v = (v << (64 - bits)) >> (64 - bits);
                } else {
                    v -= 1L << (bits - 1);
                }
                sum += v;
            }
            out[f] = sum / channels * scale;
        }
        return out;
    }

    private static short[] toShorts(double[] signal) {
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            long v = Math.round(signal[i]);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return out;
    }

    public int sampleCount() {
        return samples.length;
    }

    public double seconds() {
        return samples.length / (double) DecoderConfig.SAMPLE_RATE;
    }

    /** True when the file was not already 16 kHz mono 16-bit signed PCM. */
    public boolean converted() {
        return converted;
    }

    /** Largest absolute sample value (0 for digital silence). */
    public int peak() {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs((int) s));
        }
        return peak;
    }

    /** The samples as 16-bit little-endian bytes, the layout Sphinx's stream data source reads. */
    public byte[] littleEndianBytes() {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    short sample(int i) {
        return samples[i];
    }
}
