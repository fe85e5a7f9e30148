package org.lmrescore.rescore.tune;

import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.ReadOptions;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hypotheses {@code tune} searches over: each lattice's {@code k} best distinct word strings
 * (as {@code rescore --mode nbest} takes them) or an N-best list's first {@code k} entries. A file
 * that cannot be read is reported and skipped, as {@code rescore} does, unless {@code strict}.
 */
public final class TuningInputs {
    private TuningInputs() {
    }

    public static List<NBestList> read(List<Path> files, int k, boolean strict) {
        return read(files, null, k, strict);
    }

    /** {@code reading}: the format of every file ({@code --input-format}; none: each recognised by its content) and Kaldi's symbol table. */
    public static List<NBestList> read(List<Path> files, ReadOptions reading, int k, boolean strict) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        List<NBestList> lists = new ArrayList<>();
        for (Path file : files) {
            try {
                for (Utterance u : InputFormat.read(file, reading)) {
                    lists.add(u.isLattice() ? NBestList.ofBestPaths(u.lattice(), k) : first(u.nbest(), k));
                }
            } catch (InputFormatException e) {
                if (strict) {
                    throw e;
                }
                Log.warn("skipped: %s", e.getMessage());
            }
        }
        return lists;
    }

    private static NBestList first(NBestList list, int k) {
        List<Hypothesis> h = list.hypotheses();
        return h.size() <= k ? list : new NBestList(list.id(), h.subList(0, k));
    }
}
