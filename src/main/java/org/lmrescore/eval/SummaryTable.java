package org.lmrescore.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text summary of a {@link ScoreReport}, laid out like sclite's {@code sys} table
 * (percentages of N per speaker and overall), followed by the raw counts in one line.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String format(ScoreReport report) {
        List<String[]> rows = new ArrayList<>();
        if (report.hasSpeakers()) {
            for (Map.Entry<String, ErrorCounts> e : report.bySpeaker().entrySet()) {
                rows.add(row(e.getKey(), e.getValue()));
            }
        }
        String[] sum = row("Sum/Avg", report.totals());
        int nameWidth = Math.max(8, sum[0].length());
        for (String[] r : rows) {
            nameWidth = Math.max(nameWidth, r[0].length());
        }
        String header = String.format(Locale.ROOT, "| %-" + nameWidth + "s | %6s %7s | %5s %6s %6s %6s %6s %6s |",
                "SPKR", "# Snt", "# Wrd", "Corr", "Sub", "Del", "Ins", "Err", "S.Err");
        int width = header.length();
        StringBuilder out = new StringBuilder();
        out.append(',').append("-".repeat(width - 2)).append(".\n");
        out.append(centre(report.title(), width)).append('\n');
        out.append('|').append("-".repeat(width - 2)).append("|\n");
        out.append(header).append('\n');
        out.append(separator(header)).append('\n');
        for (String[] r : rows) {
            out.append(line(r, nameWidth)).append('\n');
        }
        if (!rows.isEmpty()) {
            out.append('|').append("=".repeat(width - 2)).append("|\n");
        }
        out.append(line(sum, nameWidth)).append('\n');
        out.append('`').append("-".repeat(width - 2)).append("'\n");
        ErrorCounts t = report.totals();
        out.append(String.format(Locale.ROOT, "WER %s [ %d / %d, %d sub, %d del, %d ins ]   SER %s [ %d / %d ]%n",
                pct(t.wer()), t.errors(), t.n(), t.sub(), t.del(), t.ins(), pct(t.ser()), t.sentenceErrors(), t.sentences()));
        return out.toString();
    }

    private static String[] row(String name, ErrorCounts c) {
        return new String[] {
            name,
            Long.toString(c.sentences()),
            Long.toString(c.n()),
            num(ErrorCounts.percent(c.corr(), c.n())),
            num(ErrorCounts.percent(c.sub(), c.n())),
            num(ErrorCounts.percent(c.del(), c.n())),
            num(ErrorCounts.percent(c.ins(), c.n())),
            num(c.wer()),
            num(c.ser()),
        };
    }

    private static String line(String[] r, int nameWidth) {
        return String.format(Locale.ROOT, "| %-" + nameWidth + "s | %6s %7s | %5s %6s %6s %6s %6s %6s |",
                (Object[]) r);
    }

    /** The header with its inner column bars as '+' and everything else as '-'. */
    private static String separator(String header) {
        StringBuilder s = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            boolean edge = i == 0 || i == header.length() - 1;
            s.append(header.charAt(i) == '|' ? (edge ? '|' : '+') : '-');
        }
        return s.toString();
    }

    private static String centre(String title, int width) {
        int inner = width - 2;
        String t = title.length() > inner ? title.substring(title.length() - inner) : title;
        int left = (inner - t.length()) / 2;
        return "|" + " ".repeat(left) + t + " ".repeat(inner - left - t.length()) + "|";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v);
    }
}
