package org.lmrescore.lm.rnn;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model files of Mikolov's rnnlm toolkit, format version 10, text ({@code file format: 0}) and
 * {@code -binary} ({@code file format: 1}): a "key: value" header, the vocabulary
 * ({@code index count word class} per line, sorted by count, {@code </s>} first), the hidden
 * activation (our start state), then syn0 (one row per hidden unit over vocabulary + hidden
 * inputs), syn1 (one row per output over hidden: words, then classes) and the direct
 * connections. In binary files the numbers after the vocabulary are float32 little-endian.
 *
 * <p>Supported: sigmoid networks without a compression layer, with or without direct
 * connections (order up to 4; {@link DirectConnections} hashes as the toolkit does); other files
 * are refused with a clear message. The rare-word unit of our models is exported as a word
 * {@code <rare>}, which the toolkit treats as an ordinary word.
 */
public final class RnnlmToolkitFormat {
    private RnnlmToolkitFormat() {
    }

    /** True when {@code path} looks like an rnnlm toolkit model (starts with "version:"). */
    public static boolean sniff(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(8), StandardCharsets.US_ASCII).equals("version:");
        } catch (IOException e) {
            return false;
        }
    }

    public static RnnModel read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return new Reader(path, raw).read();
        } catch (NoSuchFileException e) {
            throw new InputFormatException(path, 0, "no such file");
        } catch (IOException e) {
            throw new InputFormatException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Writes the toolkit's text format (version 10). */
    public static void writeText(Path path, RnnModel model) {
        if (!model.hidden().type().equals("sigmoid") || model.config().layers() != 1) {
            throw new InputFormatException(path, 0, "the rnnlm toolkit format holds only one-layer sigmoid networks, not "
                    + model.hidden().type() + (model.config().layers() != 1 ? " x" + model.config().layers() : ""));
        }
        if (!(model.output() instanceof ClassOutput o)) {
            throw new InputFormatException(path, 0, "the rnnlm toolkit format holds only class-softmax outputs, not "
                    + model.output().type());
        }
        ElmanLayer layer = (ElmanLayer) model.hidden();
        RnnVocabulary v = model.vocabulary();
        RnnConfig c = model.config();
        int h = c.hidden();
        int units = v.units();
        int classes = v.classes().count();
        try (AtomicOutput out = AtomicOutput.create(path)) {
            Writer w = out.writer();
            StringBuilder s = new StringBuilder();
            s.append("version: 10\nfile format: 0\n\n");
            s.append("training data file: -\nvalidation data file: -\n\n");
            s.append("last probability of validation data: 0.000000\nnumber of finished iterations: 0\n\n");
            s.append("current position in training data: 0\ncurrent probability of training data: 0.000000\n");
            s.append("save after processing # words: 0\n# of training words: 0\n\n");
            s.append("input layer size: ").append(units + h).append('\n');
            s.append("hidden layer size: ").append(h).append('\n');
            s.append("compression layer size: 0\n");
            s.append("output layer size: ").append(units + classes).append("\n\n");
            s.append("direct connections: ").append(model.direct() == null ? 0 : model.direct().size());
            s.append("\ndirect order: ").append(c.directOrder()).append("\n\n");
            s.append("bptt: ").append(c.bptt()).append('\n');
            s.append("bptt block: ").append(c.bpttBlock()).append("\n\n");
            s.append("vocabulary size: ").append(units).append('\n');
            s.append("class size: ").append(classes).append("\n\n");
            s.append("old classes: ").append(c.sqrtClasses() ? 0 : 1).append('\n');
            s.append("independent sentences mode: ").append(c.independent() ? 1 : 0).append("\n\n");
            s.append(String.format(Locale.ROOT, "starting learning rate: %f\n", c.alpha()));
            s.append(String.format(Locale.ROOT, "current learning rate: %f\n", c.alpha()));
            s.append("learning rate decrease: 0\n\n");
            s.append("\nVocabulary:\n");
            for (int u = 0; u < units; u++) {
                s.append(String.format(Locale.ROOT, "%6d\t%10d\t%s\t%d\n", u, v.unitCount(u), v.unitName(u),
                        v.classes().classOf(u)));
            }
            w.write(s.toString());
            w.write("\nHidden layer activation:\n");
            writeNumbers(w, model.startState(), 0, h);
            w.write("\nWeights 0->1:\n");
            float[] row = new float[units + h];
            for (int j = 0; j < h; j++) {
                for (int u = 0; u < units; u++) {
                    row[u] = layer.input[u * h + j];
                }
                System.arraycopy(layer.recurrent, j * h, row, units, h);
                writeNumbers(w, row, 0, row.length);
            }
            w.write("\n\nWeights 1->2:\n");
            writeNumbers(w, o.wordWeights, 0, o.wordWeights.length);
            writeNumbers(w, o.classWeights, 0, o.classWeights.length);
            w.write("\nDirect connections:\n");
            if (model.direct() != null) {
                writeNumbers(w, model.direct().weights, 0, model.direct().size());
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNumbers(Writer w, float[] a, int from, int to) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            // 8 significant digits: enough to round-trip a float closely (the toolkit writes 4 decimals)
            s.append(String.format(Locale.ROOT, "%.8g", a[i])).append('\n');
            if (s.length() > 1 << 16) {
                w.write(s.toString());
                s.setLength(0);
            }
        }
        w.write(s.toString());
    }

    /** Reads one file: text lines with line numbers, then numbers as text or float32. */
    private static final class Reader {
        private final Path path;
        private final InputStream in;
        private long line;

        Reader(Path path, InputStream in) {
            this.path = path;
            this.in = in;
        }

        RnnModel read() throws IOException {
            Map<String, String> header = new HashMap<>();
            String text;
            while ((text = readLine()) != null && !text.strip().equals("Vocabulary:")) {
                int colon = text.indexOf(':');
                if (colon > 0) {
                    header.put(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
                }
            }
            if (text == null) {
                throw error("no 'Vocabulary:' section: not an rnnlm toolkit model file");
            }
            int version = intOf(header, "version");
            if (version != 10) {
                throw new InputFormatException(path, 1, "rnnlm model file version " + version
                        + " is not supported (expected version 10)");
            }
            int format = intOf(header, "file format");
            if (format != 0 && format != 1) {
                throw new InputFormatException(path, 2, "file format must be 0 (text) or 1 (binary), not " + format);
            }
            int hidden = intOf(header, "hidden layer size");
            int vocabSize = intOf(header, "vocabulary size");
            int classCount = intOf(header, "class size");
            if (intOf(header, "compression layer size") != 0) {
                throw error("models with a compression layer are not supported");
            }
            long direct;
            try {
                direct = Long.parseLong(require(header, "direct connections"));
            } catch (NumberFormatException e) {
                throw new InputFormatException(path, 0, "rnnlm model header: 'direct connections:' is not a number");
            }
            int directOrder = direct > 0 ? intOf(header, "direct order") : 3;
            if (direct < 0 || direct == 1 || direct > DirectConnections.MAX_SIZE) {
                throw error("direct connections: " + direct + " is outside 0 or 2.." + DirectConnections.MAX_SIZE);
            }
            if (direct > 0 && (directOrder < 1 || directOrder > RnnConfig.MAX_DIRECT_ORDER)) {
                throw error("direct order " + directOrder + " is not supported (1.." + RnnConfig.MAX_DIRECT_ORDER + ")");
            }
            if (intOf(header, "input layer size") != vocabSize + hidden
                    || intOf(header, "output layer size") != vocabSize + classCount) {
                throw error("layer sizes do not match the vocabulary, hidden and class sizes");
            }
            checkSizesFit(vocabSize, hidden, classCount, direct);
            String[] names = new String[vocabSize];
            long[] counts = new long[vocabSize];
            int[] classOf = new int[vocabSize];
            for (int a = 0; a < vocabSize; a++) {
                String l = readLine();
                if (l == null) {
                    throw error("file ends inside the vocabulary (" + a + " of " + vocabSize + " words)");
                }
                String[] f = l.strip().split("\\s+");
                if (f.length != 4) {
                    throw error("expected 'index count word class' in the vocabulary");
                }
                try {
                    counts[a] = Long.parseLong(f[1]);
                    classOf[a] = Integer.parseInt(f[3]);
                } catch (NumberFormatException e) {
                    throw error("expected numbers for count and class, got '" + f[1] + "' and '" + f[3] + "'");
                }
                names[a] = f[2];
                if (classOf[a] < 0 || classOf[a] >= classCount) {
                    throw error("class " + classOf[a] + " out of range 0.." + (classCount - 1));
                }
            }
            int[] order = classOrder(classOf);
            if (direct > 0) {
                for (int u = 0; u < vocabSize; u++) {
                    if (order[u] != u) {
                        throw error("direct connections need the words of each class contiguous, in vocabulary order");
                    }
                }
            }
            String[] unitNames = new String[vocabSize];
            long[] unitCounts = new long[vocabSize];
            int[] unitClass = new int[vocabSize];
            for (int u = 0; u < vocabSize; u++) {
                unitNames[u] = names[order[u]];
                unitCounts[u] = counts[order[u]];
                unitClass[u] = classOf[order[u]];
            }
            WordClasses classes = WordClasses.fromClassOf(unitClass);
            if (classes.count() != classCount) {
                throw error("only " + classes.count() + " of " + classCount + " classes have words");
            }
            RnnVocabulary vocabulary = RnnVocabulary.fromUnits(unitNames, unitCounts, List.of(), classes);
            RnnConfig config = RnnConfig.defaults().withHidden(hidden).withClasses(classCount)
                    .withBptt(Math.max(1, intOf(header, "bptt")), Math.max(1, intOf(header, "bptt block")))
                    .withClassMode(intOf(header, "old classes") == 0)
                    .withTraining(Math.max(1e-9, Double.parseDouble(require(header, "starting learning rate"))), 1e-7,
                            1.003, 15, intOf(header, "independent sentences mode") != 0, 1, 100)
                    .withDirect(direct, directOrder);
            RnnModel model = RnnModel.empty(config, vocabulary);
            Numbers numbers = format == 0 ? new TextNumbers() : new BinaryNumbers();
            float[] start = new float[hidden];
            numbers.section("Hidden layer activation:");
            numbers.read(start, 0, hidden);
            model.setStartState(start);
            ElmanLayer layer = (ElmanLayer) model.hidden();
            numbers.section("Weights 0->1:");
            float[] row = new float[vocabSize + hidden];
            int[] unitOfIndex = new int[vocabSize];
            for (int u = 0; u < vocabSize; u++) {
                unitOfIndex[order[u]] = u;
            }
            for (int j = 0; j < hidden; j++) {
                numbers.read(row, 0, row.length);
                for (int a = 0; a < vocabSize; a++) {
                    layer.input[unitOfIndex[a] * hidden + j] = row[a];
                }
                System.arraycopy(row, vocabSize, layer.recurrent, j * hidden, hidden);
            }
            numbers.section("Weights 1->2:");
            ClassOutput o = (ClassOutput) model.output();
            float[] w = new float[hidden];
            for (int a = 0; a < vocabSize; a++) {
                numbers.read(w, 0, hidden);
                System.arraycopy(w, 0, o.wordWeights, unitOfIndex[a] * hidden, hidden);
            }
            numbers.read(o.classWeights, 0, o.classWeights.length);
            if (direct > 0) {
                numbers.section("Direct connections:");
                numbers.read(model.direct().weights, 0, (int) direct);
            }
            return model;
        }

        /**
         * The sizes the header declares against what the file can hold (each vocabulary line at
         * least 8 bytes, each weight at least 2 as text and 4 as binary), before anything is
         * allocated for them.
         */
        private void checkSizesFit(int vocabSize, int hidden, int classCount, long direct) {
            long bytes;
            try {
                bytes = Files.size(path);
            } catch (IOException e) {
                throw new InputFormatException(path, 0, "cannot read: " + e.getMessage());
            }
            if (vocabSize < 1 || hidden < 1 || classCount < 1 || classCount > vocabSize) {
                throw error("sizes out of range: vocabulary " + vocabSize + ", hidden " + hidden + ", classes " + classCount);
            }
            long weights = ((long) vocabSize + hidden) * hidden + ((long) vocabSize + classCount) * hidden + direct;
            if (8L * vocabSize + 2 * weights > bytes) {
                throw error("the header declares " + vocabSize + " words, " + hidden + " hidden units and " + direct
                        + " direct connections, more than a file of " + bytes + " bytes holds (truncated or corrupt?)");
            }
        }

        /** Indices sorted by class, stable, so each class's words are contiguous. */
        private static int[] classOrder(int[] classOf) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < classOf.length; i++) {
                idx.add(i);
            }
            idx.sort((a, b) -> Integer.compare(classOf[a], classOf[b]));
            return idx.stream().mapToInt(Integer::intValue).toArray();
        }

        private interface Numbers {
            void section(String title) throws IOException;

            void read(float[] into, int from, int n) throws IOException;
        }

        private final class TextNumbers implements Numbers {
            @Override
            public void section(String title) throws IOException {
                String l;
                while ((l = readLine()) != null) {
                    if (l.strip().equals(title)) {
                        return;
                    }
                    if (!l.isBlank()) {
                        throw error("expected '" + title + "'");
                    }
                }
                throw error("file ends before '" + title + "'");
            }

            @Override
            public void read(float[] into, int from, int n) throws IOException {
                for (int i = 0; i < n; i++) {
                    String l = readLine();
                    if (l == null) {
                        throw error("file is truncated: it ends inside the weights");
                    }
                    try {
                        into[from + i] = Float.parseFloat(l.strip());
                    } catch (NumberFormatException e) {
                        throw error("expected a number, got '" + l.strip() + "'");
                    }
                }
            }
        }

        private final class BinaryNumbers implements Numbers {
            private final byte[] buffer = new byte[1 << 16];

            @Override
            public void section(String title) {
                // binary files have no section titles
            }

            @Override
            public void read(float[] into, int from, int n) throws IOException {
                int done = 0;
                while (done < n) {
                    int k = Math.min(buffer.length / 4, n - done);
                    int got = in.readNBytes(buffer, 0, k * 4);
                    if (got < k * 4) {
                        throw new InputFormatException(path, 0, "binary rnnlm model file is truncated: it ends inside the weights");
                    }
                    ByteBuffer.wrap(buffer, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into, from + done, k);
                    done += k;
                }
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                b.write(c);
            }
            if (c == -1 && b.size() == 0) {
                return null;
            }
            line++;
            String s = b.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private String require(Map<String, String> header, String key) {
            String v = header.get(key);
            if (v == null) {
                throw new InputFormatException(path, 0, "rnnlm model header has no '" + key + ":' line");
            }
            return v;
        }

        private int intOf(Map<String, String> header, String key) {
            try {
                return Integer.parseInt(require(header, key));
            } catch (NumberFormatException e) {
                throw new InputFormatException(path, 0, "rnnlm model header: '" + key + ":' is not a number");
            }
        }

        private InputFormatException error(String message) {
            return new InputFormatException(path, line, message);
        }
    }
}
