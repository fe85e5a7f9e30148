package org.lmrescore.lm.rnn;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Our RNN model file ({@code .bin}), version 1:
 * <pre>
 *   "LMRNNBIN" (8 bytes), int32 version
 *   int32 n, n bytes UTF-8 header: "key=value" lines (architecture, every hyper-parameter, extras)
 *   int32 units; per unit: UTF name, int64 count, int32 class
 *   int32 rare words; per rare word: UTF name
 *   int32 blocks; per block: UTF name, int64 length, length float32 little-endian
 *   int64 CRC-32 of everything before, "LMRNNEND"
 * </pre>
 * Integers are big-endian. Weights are read in bulk. A file that is truncated, fails its
 * checksum, or has another version is refused with an {@link InputFormatException}.
 */
public final class ModelFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "LMRNNBIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "LMRNNEND".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 20;

    private ModelFile() {
    }

    /** True when {@code path} starts with our magic bytes. */
    public static boolean sniff(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a model atomically. */
    public static void write(Path path, RnnModel model) {
        write(path, model, Map.of());
    }

    /** Writes a model with extra header entries (trainer state in checkpoints). */
    static void write(Path path, RnnModel model, Map<String, String> extra) {
        try (AtomicOutput out = AtomicOutput.create(path)) {
            writeTo(out.stream(), model, extra);
            out.commit();
        }
    }

    private static void writeTo(OutputStream raw, RnnModel model, Map<String, String> extra) {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
        try {
            out.write(MAGIC);
            out.writeInt(VERSION);
            Map<String, String> header = new LinkedHashMap<>(model.config().toMap());
            header.putAll(extra);
            StringBuilder text = new StringBuilder();
            header.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
            RnnVocabulary v = model.vocabulary();
            out.writeInt(v.units());
            for (int u = 0; u < v.units(); u++) {
                out.writeUTF(v.unitName(u));
                out.writeLong(v.unitCount(u));
                out.writeInt(v.classes().classOf(u));
            }
            List<String> rare = v.rareWordList();
            out.writeInt(rare.size());
            for (String w : rare) {
                out.writeUTF(w);
            }
            List<WeightBlock> blocks = model.weights();
            out.writeInt(blocks.size());
            byte[] buffer = new byte[CHUNK * 4];
            for (WeightBlock b : blocks) {
                out.writeUTF(b.name());
                out.writeLong(b.values().length);
                float[] w = b.values();
                for (int off = 0; off < w.length; off += CHUNK) {
                    int n = Math.min(CHUNK, w.length - off);
                    ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(w, off, n);
                    out.write(buffer, 0, n * 4);
                }
            }
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum);
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loaded model with the header entries that are not hyper-parameters. */
    record Loaded(RnnModel model, Map<String, String> header) {
    }

    /** Reads a model file. */
    public static RnnModel read(Path path) {
        return readWithHeader(path).model();
    }

    static Loaded readWithHeader(Path path) {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InputFormatException(path, 0, "not an lmrescore RNN model file (expected it to start with LMRNNBIN)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputFormatException(path, 0, "RNN model file version " + version
                        + " is not supported (this program reads version " + VERSION + ")");
            }
            int headerLength = in.readInt();
            if (headerLength < 0 || headerLength > (1 << 24)) {
                throw corrupt(path, "header length " + headerLength);
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            Map<String, String> header = new LinkedHashMap<>();
            for (String line : new String(headerBytes, StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    header.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            RnnConfig config;
            try {
                config = RnnConfig.fromMap(header);
            } catch (IllegalArgumentException e) {
                throw corrupt(path, e.getMessage());
            }
            int units = in.readInt();
            // each unit takes at least 14 bytes (name length, count, class): a count the file cannot
            // hold is corrupt, found before anything is allocated for it
            if (units < 1 || 14L * units > Files.size(path)) {
                throw corrupt(path, "unit count " + units + " in a file of " + Files.size(path) + " bytes");
            }
            String[] names = new String[units];
            long[] counts = new long[units];
            int[] classOf = new int[units];
            for (int u = 0; u < units; u++) {
                names[u] = in.readUTF();
                counts[u] = in.readLong();
                classOf[u] = in.readInt();
            }
            int rareCount = in.readInt();
            if (rareCount < 0 || 2L * rareCount > Files.size(path)) {
                throw corrupt(path, "rare word count " + rareCount + " in a file of " + Files.size(path) + " bytes");
            }
            List<String> rare = new ArrayList<>(rareCount);
            for (int i = 0; i < rareCount; i++) {
                rare.add(in.readUTF());
            }
            RnnVocabulary vocabulary;
            try {
                vocabulary = RnnVocabulary.fromUnits(names, counts, rare, WordClasses.fromClassOf(classOf));
            } catch (IllegalArgumentException e) {
                throw corrupt(path, e.getMessage());
            }
            long needed = 4L * ((long) units * config.hidden() + (long) config.hidden() * config.hidden()
                    + OutputLayers.parameterCount(config, vocabulary) + config.directSize());
            if (needed > Files.size(path)) {
                throw new InputFormatException(path, 0, "RNN model file is truncated: its header promises "
                        + needed + " bytes of weights, the file has " + Files.size(path));
            }
            RnnModel model = RnnModel.empty(config, vocabulary);
            List<WeightBlock> blocks = model.weights();
            int blockCount = in.readInt();
            if (blockCount != blocks.size()) {
                throw corrupt(path, blockCount + " weight blocks where a " + config.hiddenType()
                        + " model has " + blocks.size());
            }
            byte[] buffer = new byte[CHUNK * 4];
            for (WeightBlock b : blocks) {
                String name = in.readUTF();
                long length = in.readLong();
                if (!name.equals(b.name()) || length != b.values().length) {
                    throw corrupt(path, "weight block '" + name + "' of " + length + " floats where '" + b.name()
                            + "' of " + b.values().length + " was expected");
                }
                float[] w = b.values();
                for (int off = 0; off < w.length; off += CHUNK) {
                    int n = Math.min(CHUNK, w.length - off);
                    in.readFully(buffer, 0, n * 4);
                    ByteBuffer.wrap(buffer, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w, off, n);
                }
                for (int i = 0; i < w.length; i++) {
                    if (!Float.isFinite(w[i])) {
                        // checksummed as written: a model saved after it diverged, which scores nothing
                        throw new InputFormatException(path, 0, "RNN model weight " + b.name() + "[" + i + "] is " + w[i]
                                + ": the model diverged before it was saved; it cannot score");
                    }
                }
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            byte[] end = new byte[END.length];
            in.readFully(end);
            if (stored != expected || !Arrays.equals(end, END)) {
                throw corrupt(path, "checksum mismatch");
            }
            if (in.read() != -1) {
                throw corrupt(path, "extra bytes after the end marker");
            }
            Map<String, String> extra = new LinkedHashMap<>(header);
            extra.keySet().removeAll(config.toMap().keySet());
            return new Loaded(model, extra);
        } catch (EOFException e) {
            throw new InputFormatException(path, 0, "RNN model file is truncated (ends before its weights are complete)");
        } catch (NoSuchFileException e) {
            throw new InputFormatException(path, 0, "no such file");
        } catch (IOException e) {
            throw new InputFormatException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    private static InputFormatException corrupt(Path path, String what) {
        return new InputFormatException(path, 0, "corrupted RNN model file: " + what);
    }
}
