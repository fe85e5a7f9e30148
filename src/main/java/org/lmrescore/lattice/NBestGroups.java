package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.util.ArrayList;
import java.util.List;

/** Gathers the lines of a many-utterance N-best file: one list per run of lines with the same id. */
final class NBestGroups {
    private final List<NBestList> lists = new ArrayList<>();
    private String current;
    private List<Hypothesis> hyps = new ArrayList<>();

    void add(String id, Hypothesis h) {
        if (!id.equals(current)) {
            if (current != null) {
                lists.add(new NBestList(current, hyps));
            }
            current = id;
            hyps = new ArrayList<>();
        }
        hyps.add(h);
    }

    /** The lists in file order; a file without any hypothesis is an error. */
    List<NBestList> finish(TextInput in) {
        if (current == null) {
            throw in.error("no hypotheses in the N-best file");
        }
        lists.add(new NBestList(current, hyps));
        return lists;
    }
}
