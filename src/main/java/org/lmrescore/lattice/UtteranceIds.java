package org.lmrescore.lattice;

import java.nio.file.Path;

/** Utterance ids from file names: the name without its directory and format extensions. */
public final class UtteranceIds {
    private static final String[] EXTENSIONS = {".gz", ".slf", ".lat", ".htk", ".nbest", ".tsv", ".txt", ".score"};

    private UtteranceIds() {
    }

    /** {@code dir/AMI-x.lat.gz} -> {@code AMI-x}. */
    public static String fromFileName(Path file) {
        String name = file.getFileName().toString();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String ext : EXTENSIONS) {
                if (name.length() > ext.length() && name.endsWith(ext)) {
                    name = name.substring(0, name.length() - ext.length());
                    stripped = true;
                }
            }
        }
        return name;
    }
}
