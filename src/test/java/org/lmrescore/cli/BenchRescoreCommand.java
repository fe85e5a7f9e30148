package org.lmrescore.cli;

import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.SlfReader;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.rescore.RescoreSettings;
import org.lmrescore.rescore.PrefixTreeRescorer;
import org.lmrescore.rescore.Scorer;
import org.lmrescore.rescore.UtteranceRescorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench-rescore",
        description = "Benchmark of rescoring: each lattice of a folder (read, expand, 100-best) and N-best lists with and "
                + "without prefix sharing, with peak heap. Used by eval/bench-rescore.sh; a benchmark, so it lives with the tests: "
                + "java -cp \"$(eval/test-classpath.sh)\" org.lmrescore.cli.BenchRescoreCommand ...",
        footer = {"", "Examples:",
                "  bench-rescore --kn kn5.bin --lattices ../shared/lattices/ami --lmscale 14 --lowercase "
                        + "--nbest-lists ../shared/speech/dev/sphinx/nbest"})
public final class BenchRescoreCommand implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(Main.commandLine(new BenchRescoreCommand()).execute(args));
    }

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Option(names = "--lattices", paramLabel = "DIR", description = "Lattices to time one by one.")
    Path lattices;

    @Option(names = "--nbest-lists", paramLabel = "DIR", description = "N-best lists to rescore with and without prefix sharing.")
    Path nbestLists;

    @Option(names = "--lmscale", defaultValue = "14", description = "LM scale (default ${DEFAULT-VALUE}).", paramLabel = "SCALE")
    double lmScale;

    @Option(names = "--lowercase", description = "Look words up in lower case.")
    boolean lowercase;

    @Option(names = "--history-order", defaultValue = "4", paramLabel = "N")
    int historyOrder;

    @Option(names = "--beam", defaultValue = "500", paramLabel = "BEAM")
    double beam;

    @Option(names = "--max-histories", defaultValue = "100", paramLabel = "N")
    int maxHistories;

    @Option(names = "--prune-beam", defaultValue = "150", paramLabel = "BEAM")
    double pruneBeam;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed repetitions of the N-best comparison (best kept).", paramLabel = "N")
    int repeat;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        LanguageModel lm = model.languageModel();
        System.out.printf(Locale.ROOT, "model loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Scorer scorer = new Scorer(lm, ScoreWeights.of(lmScale, 0), lowercase);
        if (lattices != null) {
            benchLattices(scorer);
        }
        if (nbestLists != null) {
            benchNBest(scorer);
        }
        System.out.printf(Locale.ROOT, "peak heap %.0f MB%n", peakHeapMb());
        return 0;
    }

    /** Each lattice through rescore's own prune-then-expand pipeline ({@link UtteranceRescorer#expand}), timed by stage. */
    private void benchLattices(Scorer scorer) {
        UtteranceRescorer pipeline = new UtteranceRescorer(scorer, new RescoreSettings(scorer.weights(), historyOrder, beam,
                maxHistories, 100, false, pruneBeam), null, null);
        System.out.printf(Locale.ROOT, "%-40s %7s %7s %8s %8s %8s %7s %7s %7s %7s%n", "lattice", "nodes", "links",
                "x-nodes", "x-links", "lookups", "read_s", "resc_s", "100b_s", "total_s");
        double worst = 0;
        double sum = 0;
        for (Path f : InputFiles.resolve(lattices)) {
            long a = System.nanoTime();
            Lattice l = SlfReader.read(f);
            long b = System.nanoTime();
            RescoredLattice r = pipeline.expand(l).lattice();
            long c = System.nanoTime();
            if (r == null) {
                System.out.printf(Locale.ROOT, "%-40s past the expansion budget even with harder pruning%n", l.id());
                continue;
            }
            r.nbest(100);
            long d = System.nanoTime();
            double total = (d - a) / 1e9;
            worst = Math.max(worst, total);
            sum += total;
            System.out.printf(Locale.ROOT, "%-40s %7d %7d %8d %8d %8d %7.2f %7.2f %7.2f %7.2f%n", l.id(), l.nodeCount(),
                    l.arcCount(), r.lattice().nodeCount(), r.lattice().arcCount(), r.lmCalls(), (b - a) / 1e9,
                    (c - b) / 1e9, (d - c) / 1e9, total);
        }
        System.out.printf(Locale.ROOT, "lattices: total %.2f s, slowest %.2f s (target: each <= 10 s)%n", sum, worst);
    }

    private void benchNBest(Scorer scorer) {
        List<NBestList> lists = new ArrayList<>();
        long hyps = 0;
        for (Path f : InputFiles.resolve(nbestLists)) {
            for (Utterance u : InputFormat.read(f)) {
                if (!u.isLattice()) {
                    lists.add(u.nbest());
                    hyps += u.nbest().hypotheses().size();
                }
            }
        }
        double best = Double.MAX_VALUE;
        double bestAlone = Double.MAX_VALUE;
        long treeCalls = 0;
        long aloneCalls = 0;
        for (int rep = 0; rep < repeat; rep++) {
            long c0 = scorer.lmCalls();
            long a = System.nanoTime();
            for (NBestList l : lists) {
                PrefixTreeRescorer.rescore(l, scorer);
            }
            long b = System.nanoTime();
            long c1 = scorer.lmCalls();
            for (NBestList l : lists) {
                PrefixTreeRescorer.rescoreEachAlone(l, scorer);
            }
            long c = System.nanoTime();
            treeCalls = c1 - c0;
            aloneCalls = scorer.lmCalls() - c1;
            best = Math.min(best, (b - a) / 1e9);
            bestAlone = Math.min(bestAlone, (c - b) / 1e9);
        }
        System.out.printf(Locale.ROOT, "N-best: %d lists, %d hypotheses, single thread, best of %d%n", lists.size(), hyps, repeat);
        System.out.printf(Locale.ROOT, "  prefix tree   %8.3f s  %,12d LM look-ups%n", best, treeCalls);
        System.out.printf(Locale.ROOT, "  each alone    %8.3f s  %,12d LM look-ups%n", bestAlone, aloneCalls);
        System.out.printf(Locale.ROOT, "  speed-up %.2fx (time), %.2fx (look-ups)%n", bestAlone / best, aloneCalls / (double) treeCalls);
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
