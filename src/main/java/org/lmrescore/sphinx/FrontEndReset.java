package org.lmrescore.sphinx;

import edu.cmu.sphinx.frontend.FrontEnd;
import edu.cmu.sphinx.frontend.feature.LiveCMN;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Puts Sphinx's front end back into the state of a freshly started recogniser before each file, so
 * that a file decodes the same whatever was decoded before it on the same worker (with several
 * workers the order is not fixed). {@link FrontEnd#initialize()} resets the speech classifier and
 * marker, but Sphinx4 5prealpha's live cepstral mean normalisation keeps its running mean forever
 * (its {@code initialize} leaves it alone and it has no reset), so that mean is cleared here: the
 * next file estimates it again from its own first frames, as the first file of a run does.
 */
final class FrontEndReset {
    private final FrontEnd frontEnd;
    private final LiveCMN cmn;
    private final Field sum;
    private final Field initialList;

    /** {@code cmn} null when the front end uses batch CMN (which starts afresh with every file). */
    FrontEndReset(FrontEnd frontEnd, LiveCMN cmn) {
        this.frontEnd = frontEnd;
        this.cmn = cmn;
        try {
            sum = LiveCMN.class.getDeclaredField("sum");
            sum.setAccessible(true);
            initialList = LiveCMN.class.getDeclaredField("initialList");
            initialList.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected Sphinx4 version: LiveCMN has no running-mean field", e);
        }
    }

    void reset() {
        frontEnd.initialize();
        if (cmn == null) {
            return;
        }
        try {
            sum.set(cmn, null);
            ((List<?>) initialList.get(cmn)).clear();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
