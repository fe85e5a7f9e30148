package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kaldi N-best lists as {@code lattice-to-nbest} writes them (in text form): a lattice
 * archive whose entries are single paths keyed {@code UTT-1}, {@code UTT-2}, ... in rank order.
 * The entries of one utterance become its N-best list: each path's words, summed acoustic and
 * first-pass LM scores (see {@link KaldiLatticeReader}) and times. Only when asked for
 * ({@code --input-format kaldi-nbest}): by content, the archive is a lattice archive.
 */
public final class KaldiNBestReader {
    private KaldiNBestReader() {
    }

    public static List<NBestList> read(TextInput in, ReadOptions options) {
        Map<String, List<Hypothesis>> lists = new LinkedHashMap<>();
        for (Lattice l : KaldiLatticeReader.read(in, options)) {
            int dash = l.id().lastIndexOf('-');
            if (dash <= 0 || dash == l.id().length() - 1 || !l.id().substring(dash + 1).chars().allMatch(Character::isDigit)) {
                throw in.error("N-best entry '" + l.id() + "' is not keyed UTTERANCE-RANK (as lattice-to-nbest writes)");
            }
            lists.computeIfAbsent(l.id().substring(0, dash), k -> new ArrayList<>())
                    .add(KBestPaths.best(l).toHypothesis());
        }
        List<NBestList> out = new ArrayList<>();
        lists.forEach((id, hyps) -> out.add(new NBestList(id, hyps)));
        return out;
    }
}
