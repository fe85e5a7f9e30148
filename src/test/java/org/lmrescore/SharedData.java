package org.lmrescore;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only shared data set beside the checkout ({@code ../shared}). Tests that need it call
 * {@link #require(String)}, which skips the test (not fails) on a machine without it.
 */
public final class SharedData {
    private SharedData() {
    }

    /** Root of the shared data: {@code $LMRESCORE_SHARED} or {@code ../shared}. */
    public static Path root() {
        String env = System.getenv("LMRESCORE_SHARED");
        return env != null ? Path.of(env) : Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /** A path under the shared root; the calling test is skipped when it does not exist. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), () -> "shared data not found: " + p);
        return p;
    }
}
