package org.lmrescore.lattice;

import java.nio.file.Path;

/** One utterance to rescore: a lattice or an N-best list (exactly one is set), and the file it came from. */
public record Utterance(String id, Path file, Lattice lattice, NBestList nbest) {
    public static Utterance of(Path file, Lattice lattice) {
        return new Utterance(lattice.id(), file, lattice, null);
    }

    public static Utterance of(Path file, NBestList nbest) {
        return new Utterance(nbest.id(), file, null, nbest);
    }

    public boolean isLattice() {
        return lattice != null;
    }
}
