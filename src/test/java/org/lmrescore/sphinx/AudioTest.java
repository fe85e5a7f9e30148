package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioTest {
    @TempDir
    Path dir;

    @Test
    void decodesPcmLayoutsByHand() {
        // 16-bit little-endian stereo: frames (1000, -1000) and (300, 100) average to 0 and 200
        byte[] stereo = {(byte) 0xe8, 0x03, 0x18, (byte) 0xfc, 0x2c, 0x01, 0x64, 0x00};
        assertArrayEquals(new double[] {0, 200}, Audio.toMono(stereo, 2, 2, true, false), 1e-9);
        // 8-bit unsigned: 128 is zero, 255 is +127 -> scaled by 256 to the 16-bit range
        assertArrayEquals(new double[] {0, 127 * 256, -128 * 256}, Audio.toMono(new byte[] {(byte) 128, (byte) 255, 0}, 1, 1, false, false), 1e-9);
        // 24-bit big-endian: 0x7fffff is just below +1 -> 32767.996; 0x800000 is -32768
        assertArrayEquals(new double[] {0x7fffff / 256.0, -32768}, Audio.toMono(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0x80, 0, 0}, 3, 1, true, true), 1e-9);
    }

    @Test
    void sixteenKilohertzMonoPassesUnchanged() throws Exception {
        short[] samples = {0, 1, -1, 32767, -32768, 1234};
        Path wav = write(samples, 16000, 1);
        Audio audio = Audio.read(wav);
        assertFalse(audio.converted());
        assertEquals(samples.length, audio.sampleCount());
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], audio.sample(i));
        }
        byte[] le = audio.littleEndianBytes();
        assertEquals((byte) 0xff, le[6]);
        assertEquals((byte) 0x7f, le[7]);
    }

    @Test
    void stereo44kIsMixedAndResampledKeepingATone() throws Exception {
        int rate = 44100;
        int n = rate; // one second
        short[] frames = new short[2 * n];
        for (int i = 0; i < n; i++) {
            // left: 440 Hz; right: the same tone, so the mix keeps it; plus 12 kHz only on the left
            double tone = 8000 * Math.sin(2 * Math.PI * 440 * i / rate);
            double high = 8000 * Math.sin(2 * Math.PI * 12000 * i / rate);
            frames[2 * i] = (short) Math.round(tone + high);
            frames[2 * i + 1] = (short) Math.round(tone);
        }
        Audio audio = Audio.read(write(frames, rate, 2));
        assertTrue(audio.converted());
        assertEquals(16000, audio.sampleCount(), 1);
        // away from the edges the output is the 440 Hz tone alone: 12 kHz is above the new Nyquist
        // frequency (8 kHz) and must not fold back as a 4 kHz alias
        double maxError = 0;
        for (int i = 1000; i < 15000; i++) {
            double expected = 8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0);
            maxError = Math.max(maxError, Math.abs(audio.sample(i) - expected));
        }
        assertTrue(maxError < 80, "max error " + maxError); // 1% of the amplitude
    }

    @Test
    void badAudioIsReportedWithItsFileName() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        InputFormatException e = assertThrows(InputFormatException.class, () -> Audio.read(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());

        Path empty = write(new short[0], 16000, 1);
        assertTrue(assertThrows(InputFormatException.class, () -> Audio.read(empty)).getMessage().contains("no audio samples"));

        // a 64 KB WAV whose header claims 32767 channels: refused at once, not read forever
        Path lying = write(new short[32 * 1024], 16000, 1);
        byte[] wav = Files.readAllBytes(lying);
        java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 32767);
        Files.write(lying, wav);
        InputFormatException lie = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(InputFormatException.class, () -> Audio.read(lying)));
        assertTrue(lie.getMessage().contains("32767 channels") || lie.getMessage().contains("not a readable audio file"),
                lie.getMessage());

        Path missing = dir.resolve("missing.wav");
        assertTrue(assertThrows(InputFormatException.class, () -> Audio.read(missing)).getMessage().contains("no such audio file"));
    }

    private Path write(short[] interleaved, int rate, int channels) throws Exception {
        byte[] bytes = new byte[interleaved.length * 2];
        for (int i = 0; i < interleaved.length; i++) {
            bytes[2 * i] = (byte) interleaved[i];
            bytes[2 * i + 1] = (byte) (interleaved[i] >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        Path file = Files.createTempFile(dir, "a", ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, interleaved.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
