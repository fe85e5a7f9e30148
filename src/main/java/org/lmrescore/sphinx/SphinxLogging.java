package org.lmrescore.sphinx;

import edu.cmu.sphinx.util.props.ConfigurationManager;
import edu.cmu.sphinx.util.props.ConfigurationManagerUtils;
import org.lmrescore.util.Log;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tames Sphinx4's logging. Each configuration manager attaches its own console handler to a logger
 * named after the configuration file, detached from the root logger and set to the file's
 * {@code logLevel} (INFO), so quieting the root logger does not reach it. This sets that logger to
 * SEVERE unless --verbose, and always drops the per-word "dictionary is missing" lines (one line
 * per LM word lacking a pronunciation): {@link MissingWords} reports them once instead.
 */
final class SphinxLogging {
    private SphinxLogging() {
    }

    /** Call after constructing a configuration manager (its constructor resets the level). */
    static void apply(ConfigurationManager cm) {
        String prefix = ConfigurationManagerUtils.getLogPrefix(cm);
        Logger logger = Logger.getLogger(prefix.substring(0, prefix.length() - 1));
        Level level = Log.verbose() ? Level.INFO : Level.SEVERE;
        logger.setLevel(level);
        for (Handler handler : logger.getHandlers()) {
            handler.setLevel(level);
            handler.setFilter(record -> record.getMessage() == null
                    || !record.getMessage().startsWith("The dictionary is missing a phonetic transcription"));
        }
    }
}
