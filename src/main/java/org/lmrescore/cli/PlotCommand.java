package org.lmrescore.cli;

import org.lmrescore.eval.plot.LinePlot;
import org.lmrescore.eval.plot.SeriesTable;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code plot}: a PNG line chart from a CSV table, for experiment reports. */
@Command(name = "plot",
        description = {"Draw a line chart (PNG) from a CSV table with a header row: one point per row, x and y "
                + "columns, and optionally a column naming the series (one line per distinct value, in order of "
                + "first appearance). Rows with an empty y cell are skipped."},
        footer = {"", "Examples:",
                "  plot --csv curves.csv --series model --x epoch --y valid_ppl --log-y --out curves.png",
                "  plot --csv wer-vs-lambda.csv --series setting --x lambda --y wer --title 'WER vs RNN weight' --out wer.png"})
public final class PlotCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV table with a header row.")
    Path csv;

    @Option(names = "--x", required = true, paramLabel = "COLUMN", description = "Column of x values.")
    String x;

    @Option(names = "--y", required = true, paramLabel = "COLUMN", description = "Column of y values.")
    String y;

    @Option(names = "--series", paramLabel = "COLUMN", description = "Column naming the series (default: one series).")
    String series;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write (atomically).")
    Path out;

    @Option(names = "--title", defaultValue = "", description = "Chart title.", paramLabel = "TEXT")
    String title;

    @Option(names = "--x-label", paramLabel = "TEXT", description = "x axis label (default: the column name).")
    String xLabel;

    @Option(names = "--y-label", paramLabel = "TEXT", description = "y axis label (default: the column name).")
    String yLabel;

    @Option(names = "--log-y", description = "Logarithmic y axis.")
    boolean logY;

    @Option(names = "--size", defaultValue = "800x500", paramLabel = "WxH", description = "Image size (default: ${DEFAULT-VALUE}).")
    String size;

    @Override
    public Integer call() {
        java.util.regex.Matcher wh = java.util.regex.Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(size);
        int width = wh.matches() ? Integer.parseInt(wh.group(1)) : 0;
        int height = wh.matches() ? Integer.parseInt(wh.group(2)) : 0;
        if (width < 50 || height < 50 || width > 10_000 || height > 10_000) {
            throw new InputFormatException("--size: expected WIDTHxHEIGHT in pixels (50-10000), got '" + size + "'");
        }
        SeriesTable table = SeriesTable.read(csv, series, x, y);
        new LinePlot(title, xLabel != null ? xLabel : x, yLabel != null ? yLabel : y, logY).writePng(table, out, width, height);
        System.out.println("wrote " + out + " (" + table.series().size() + " series)");
        return 0;
    }
}
