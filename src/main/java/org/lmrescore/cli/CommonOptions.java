package org.lmrescore.cli;

import org.lmrescore.util.Log;
import picocli.CommandLine.Option;

/** Options every command shares; mix in with {@code @Mixin CommonOptions common;}. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Log each step to stderr (and Sphinx4's own log).")
    void setVerbose(boolean on) {
        Log.setVerbose(on);
    }
}
