package org.lmrescore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.KaldiSymbols;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.ReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Kaldi text lattice archive through rescore and back: read with words.txt, rescored with the
 * new LM at lmscale 0 (so the totals are the first pass's), written as Kaldi text with word ids,
 * read again: every path keeps its total, and the graph costs are now the new LM's.
 */
class KaldiRoundTripTest {
    private static final Path KN = Path.of("models/kn5-small.arpa.gz").toAbsolutePath();

    @Test
    void rescoredKaldiLatticesAreWrittenBackWithTheirPathTotals(@TempDir Path dir) throws IOException {
        Path words = Files.writeString(dir.resolve("words.txt"), "<eps> 0\nthe 1\ncat 2\nhat 3\nsat 4\n");
        Path ark = Files.writeString(dir.resolve("lat.1.txt"), "utt1 \n"
                + "0\t1\t1\t1.5,10,5_5_7\n1\t2\t2\t2,20,9_9\n1\t3\t3\t0.5,25,11_12\n2\t4\t4\t1,8,3\n3\t4\t4\t1.25,9,3\n4\n\n"
                + "utt2 \n0\t1\t3\t4,5,1\n1\t1,2,\n\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("rescore", "--kn", KN.toString(), "--in", ark.toString(), "--out", out.toString(),
                "--words", words.toString(), "--lmscale", "0", "--first-pass-weight", "1", "--wip", "0", "--threads", "1");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("rescored 2 utterances"), r.stdout());

        ReadOptions options = new ReadOptions(null, KaldiSymbols.read(words), 0.01);
        List<Lattice> before = InputFormat.read(ark, options).stream().map(u -> u.lattice()).toList();
        for (Lattice in : before) {
            Path written = out.resolve("lattices/" + in.id() + ".lat.txt.gz");
            assertTrue(Files.exists(written), written.toString());
            Lattice back = InputFormat.read(written, options).get(0).lattice();
            assertEquals(in.id(), back.id());
            List<LatticePath> a = KBestPaths.distinctWords(in, 10);
            List<LatticePath> b = KBestPaths.distinctWords(back, 10);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).words(), b.get(i).words());
                double total = 0;
                for (int arc : b.get(i).arcs()) {
                    total += back.acoustic(arc);  // at lmscale 0 all of the first-pass total is in the acoustic cost
                }
                assertEquals(a.get(i).score(), total, 1e-4 * Math.abs(total), a.get(i).words().toString());
            }
        }
        assertTrue(Files.readString(out.resolve("best.trn")).contains("the cat sat (utt1)"),
                Files.readString(out.resolve("best.trn")));
    }
}
