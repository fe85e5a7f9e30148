package org.lmrescore.eval;

/**
 * The transcript file formats the scorer reads.
 * <ul>
 * <li>{@link #TRN}: NIST sclite trn, one utterance a line, {@code words (uttid)}.</li>
 * <li>{@link #PLAIN}: one utterance a line, {@code uttid words...} (Kaldi text).</li>
 * <li>{@link #MLF}: HTK master label file: {@code #!MLF!#}, then per utterance a quoted
 *     {@code "*}{@code /uttid.lab"} (or {@code .rec}) line, one label a line (optionally with start and end
 *     times and scores), and a line holding a single {@code .}.</li>
 * <li>{@link #CTM}: NIST ctm, {@code utt channel start duration word [confidence]} a line ({@link CtmReader}).</li>
 * <li>{@link #AUTO}: decide from the file's first non-blank line (see {@link TranscriptReader}).</li>
 * </ul>
 */
public enum TranscriptFormat {
    AUTO, TRN, PLAIN, MLF, CTM
}
