package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotCommandTest {
    @TempDir
    Path dir;

    @Test
    void drawsOneColouredLinePerSeries() throws Exception {
        Path csv = dir.resolve("curves.csv");
        Files.writeString(csv, "model,epoch,valid_ppl\nrnn-a,0,400\nrnn-a,1,350\nrnn-a,2,330\nrnn-b,0,500\nrnn-b,1,420\n");
        Path png = dir.resolve("curves.png");
        CliRun r = CliRun.of("plot", "--csv", csv.toString(), "--series", "model", "--x", "epoch", "--y", "valid_ppl",
                "--log-y", "--size", "640x400", "--out", png.toString());
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("2 series"), r.stdout());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        // Two series: at least two saturated colours (the lines), besides greys and white.
        Set<Integer> saturated = new HashSet<>();
        for (int yy = 0; yy < image.getHeight(); yy++) {
            for (int xx = 0; xx < image.getWidth(); xx++) {
                int rgb = image.getRGB(xx, yy) & 0xffffff;
                int red = rgb >> 16, green = (rgb >> 8) & 0xff, blue = rgb & 0xff;
                if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 150) {
                    saturated.add(rgb);
                }
            }
        }
        assertTrue(saturated.size() >= 2, "line colours: " + saturated.size());
    }

    @Test
    void badCsvIsAClearErrorAndWritesNoImage() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "lambda,wer\n0.1,x\n");
        Path png = dir.resolve("wer.png");
        CliRun r = CliRun.of("plot", "--csv", csv.toString(), "--x", "lambda", "--y", "wer", "--out", png.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.status());
        assertTrue(r.stderr().contains("bad.csv:2"), r.stderr());
        assertFalse(Files.exists(png));
    }
}
