package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Writes an ARPA file (gzip when the name ends in {@code .gz}) atomically: a failure half-way
 * leaves no partial file. Numbers are the shortest decimal that reads back to the same float,
 * never in exponent notation (some ARPA readers do not accept it).
 */
public final class ArpaWriter {
    private ArpaWriter() {
    }

    public static void write(BackoffTables model, Path path) {
        try (AtomicOutput out = AtomicOutput.create(path)) {
            write(model, out.writer());
            out.writer().flush();
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(BackoffTables model, Writer w) throws IOException {
        Vocabulary vocab = model.vocabulary();
        int order = model.order();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("\\data\\\n");
        for (int n = 1; n <= order; n++) {
            sb.append("ngram ").append(n).append('=').append(model.count(n)).append('\n');
        }
        sb.append('\n');
        for (int n = 1; n <= order; n++) {
            sb.append('\\').append(n).append("-grams:\n");
            OrderEntries e = model.entries(n);
            for (int i = 0; i < e.size(); i++) {
                appendNumber(sb, e.prob(i));
                sb.append('\t');
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        sb.append(' ');
                    }
                    sb.append(vocab.word(e.word(i, k)));
                }
                if (n < order) {
                    sb.append('\t');
                    appendNumber(sb, e.backoff(i));
                }
                sb.append('\n');
                if (sb.length() > (1 << 16) - 512) {
                    w.append(sb);
                    sb.setLength(0);
                }
            }
            sb.append('\n');
        }
        sb.append("\\end\\\n");
        w.append(sb);
    }

    static void appendNumber(StringBuilder sb, float v) {
        if (v == 0f) {
            sb.append('0');
            return;
        }
        String s = Float.toString(v);
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).toPlainString();
        } else if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        sb.append(s);
    }
}
