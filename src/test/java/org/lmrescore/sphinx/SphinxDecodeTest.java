package org.lmrescore.sphinx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sphinx4 end to end on real speech from the shared set (skipped without it). About 1 GB of heap. */
class SphinxDecodeTest {
    private static final String UTT = "arctic_b0003_1592701239"; // "i can see that knife now", 1.7 s
    private static final String OTHER = "arctic_b0001_1592701278"; // "gad do i remember it", 1.9 s

    @TempDir
    Path out;

    @Test
    void decodesRealSpeechToLatticeAndTranscriptsRepeatably() throws Exception {
        Path wavs = SharedData.require("speech/dev/wav");
        List<Utterance> list = List.of(
                new Utterance("first", wavs.resolve(UTT + ".wav")),
                new Utterance("other", wavs.resolve(OTHER + ".wav")),
                new Utterance("again", wavs.resolve(UTT + ".wav")),
                new Utterance("missing", wavs.resolve("no-such-file.wav")),
                new Utterance("paren(1)", wavs.resolve(OTHER + ".wav")));  // a folder's file named paren(1).wav
        DecodeSummary summary = new DecodeJob(new DecoderConfig().absoluteBeam(5000).batchCmn(false), out, 1, new UtteranceOutputs(false, 20)).run(list);

        assertEquals(3, summary.decoded());
        assertEquals(2, summary.failures().size());
        assertTrue(summary.failures().get(0).endsWith("no-such-file.wav: no such audio file"), summary.failures().get(0));
        assertEquals(wavs.resolve(OTHER + ".wav") + ": utterance id 'paren(1)' must not contain blanks, '/' or parentheses;"
                + " rename the file", summary.failures().get(1));
        assertEquals(1.67 * 2 + 1.85, summary.audioSeconds(), 0.02);

        List<String> trn = Files.readAllLines(out.resolve("hyp.trn"));
        assertEquals(3, trn.size());
        assertTrue(trn.get(0).endsWith(" (first)") && trn.get(2).endsWith(" (again)"), trn.toString());
        String hyp = trn.get(0).substring(0, trn.get(0).length() - " (first)".length());
        int errors = wordErrors("i can see that knife now", hyp);
        assertTrue(errors <= 2, "hypothesis '" + hyp + "' has " + errors + " errors against 6 reference words");
        // with live CMN the running mean is reset between files: the same audio decodes the same after another file
        assertEquals(hyp + " (again)", trn.get(2));
        Set<String> first = new HashSet<>(Files.readAllLines(out.resolve("first.lat")));
        assertEquals(first.size(), new HashSet<>(Files.readAllLines(out.resolve("again.lat"))).size());

        checkLatticeDump(out.resolve("first.lat"), hyp);
        checkCtm(Files.readAllLines(out.resolve("hyp.ctm")), hyp);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"decoded\": 3"));
    }

    /** Every edge joins defined nodes; start and end are given; the 1-best words are lattice words. */
    private static void checkLatticeDump(Path lat, String hyp) throws Exception {
        Set<String> nodes = new HashSet<>();
        Set<String> words = new HashSet<>();
        String initial = null;
        String terminal = null;
        int edges = 0;
        List<String> lines = Files.readAllLines(lat);
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "node:" -> {
                    assertEquals(5, f.length, line);
                    nodes.add(f[1]);
                    words.add(f[2]);
                    assertTrue(Long.parseLong(f[3]) >= 0 && Long.parseLong(f[3]) <= 1700, line);
                }
                case "edge:" -> edges++;
                case "initialNode:" -> initial = f[1];
                case "terminalNode:" -> terminal = f[1];
                case "logBase:" -> assertEquals("1.0001", f[1]);
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("edge:")) {
                assertTrue(nodes.contains(f[1]) && nodes.contains(f[2]), line);
                assertTrue(Double.parseDouble(f[3]) <= 0 && Double.parseDouble(f[4]) <= 0, line);
            }
        }
        assertTrue(nodes.contains(initial) && nodes.contains(terminal));
        assertTrue(edges >= nodes.size() - 1);
        assertTrue(words.contains("<s>") && words.contains("</s>"));
        assertTrue(words.containsAll(Arrays.asList(hyp.split(" "))), words + " vs " + hyp);
    }

    private static void checkCtm(List<String> ctm, String hyp) {
        StringBuilder words = new StringBuilder();
        double lastEnd = 0;
        for (String line : ctm) {
            String[] f = line.split(" ");
            if (!f[0].equals("first")) {
                continue;
            }
            double start = Double.parseDouble(f[2]);
            double end = start + Double.parseDouble(f[3]);
            assertTrue(start >= lastEnd - 1e-9 && end > start && end <= 1.7, line);
            lastEnd = end;
            words.append(words.length() > 0 ? " " : "").append(f[4]);
        }
        assertEquals(hyp, words.toString());
    }

    /** Levenshtein distance between word sequences. */
    static int wordErrors(String ref, String hyp) {
        String[] r = ref.isBlank() ? new String[0] : ref.split(" ");
        String[] h = hyp.isBlank() ? new String[0] : hyp.split(" ");
        int[] prev = new int[h.length + 1];
        for (int j = 0; j <= h.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= r.length; i++) {
            int[] cur = new int[h.length + 1];
            cur[0] = i;
            for (int j = 1; j <= h.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[h.length];
    }
}
