package org.lmrescore.eval.plot;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named (x, y) series read from a "long" CSV table: a header row, one point per row, a column that
 * names the series, one for x and one for y. Series keep the order of their first row, points the
 * order of the file, so the table that prints a report is also the one that plots it.
 */
public final class SeriesTable {
    /** One line of a plot. */
    public record Series(String name, List<double[]> points) {
    }

    private final List<Series> series;

    private SeriesTable(List<Series> series) {
        this.series = series;
    }

    public List<Series> series() {
        return series;
    }

    /**
     * Reads {@code csv}; {@code seriesColumn} may be null for a single series named after the y column.
     * Empty y cells are skipped (a point not measured); anything else that is not a number is an error.
     */
    public static SeriesTable read(Path csv, String seriesColumn, String xColumn, String yColumn) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : new String[] {seriesColumn, xColumn, yColumn}) {
                if (column != null && !header.contains(column)) {
                    throw new InputFormatException(csv, 1, "no column '" + column + "' in the header " + header);
                }
            }
            Map<String, List<double[]>> byName = new LinkedHashMap<>();
            for (CSVRecord row : parser) {
                long line = row.getRecordNumber() + 1;
                if (!row.isConsistent()) {
                    throw new InputFormatException(csv, line, "expected " + header.size() + " fields, got " + row.size());
                }
                String y = row.get(yColumn).trim();
                if (y.isEmpty()) {
                    continue;
                }
                String name = seriesColumn == null ? yColumn : row.get(seriesColumn);
                byName.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new double[] {number(csv, line, xColumn, row.get(xColumn)), number(csv, line, yColumn, y)});
            }
            if (byName.isEmpty()) {
                throw new InputFormatException(csv, 0, "no data rows with a value in column '" + yColumn + "'");
            }
            List<Series> out = new ArrayList<>();
            byName.forEach((name, points) -> out.add(new Series(name, List.copyOf(points))));
            return new SeriesTable(List.copyOf(out));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputFormatException(csv, 0, "cannot read CSV: " + e.getMessage());
        }
    }

    private static double number(Path csv, long line, String column, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputFormatException(csv, line, "column '" + column + "': expected a finite number, got '" + text + "'");
        }
    }
}
