package org.lmrescore.eval;

import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Scores hypothesis transcripts against reference transcripts, utterance by utterance (matched
 * by id), like sclite: each pair is normalised by the {@link TokenFilter} and aligned by the
 * {@link Aligner}. A reference utterance without hypothesis counts as all deletions and is listed
 * in the report. A hypothesis id absent from the reference is an error naming its file and line,
 * unless {@link #allowUnknownIds} says to ignore such utterances (they are then listed).
 */
public final class WerScorer {
    private final TokenFilter filter;
    private final SpeakerRule speakers;
    private final Aligner aligner;
    private final boolean allowUnknownIds;

    public WerScorer(TokenFilter filter, SpeakerRule speakers, Aligner aligner, boolean allowUnknownIds) {
        this.filter = filter;
        this.speakers = speakers;
        this.aligner = aligner;
        this.allowUnknownIds = allowUnknownIds;
    }

    /** sclite's costs, no normalisation, default speaker rule, unknown ids are errors. */
    public static WerScorer standard() {
        return new WerScorer(TokenFilter.NONE, SpeakerRule.DEFAULT, Aligner.SCLITE, false);
    }

    public TokenFilter filter() {
        return filter;
    }

    public Aligner aligner() {
        return aligner;
    }

    public SpeakerRule speakers() {
        return speakers;
    }

    public boolean allowUnknownIds() {
        return allowUnknownIds;
    }

    /** Scores {@code hyp} against {@code ref}; the report's title is the hypothesis file name. */
    public ScoreReport score(Transcripts ref, Transcripts hyp) {
        return score(ref, hyp, hyp.source() == null ? "hyp" : hyp.source().toString());
    }

    public ScoreReport score(Transcripts ref, Transcripts hyp, String title) {
        List<String> unknown = unknownIds(ref, hyp);
        List<UtteranceScore> scores = new ArrayList<>(ref.size());
        for (String id : ref.ids()) {
            List<String> r = filter.apply(ref.words(id));
            List<String> h = hyp.words(id);
            scores.add(h == null
                    ? new UtteranceScore(id, speakers.speakerOf(id), Alignment.allDeleted(r), true)
                    : new UtteranceScore(id, speakers.speakerOf(id), aligner.align(r, filter.apply(h)), false));
        }
        return new ScoreReport(title, scores, unknown);
    }

    /** The alignment of one normalised pair (for callers scoring single utterances). */
    public Alignment align(List<String> ref, List<String> hyp) {
        return aligner.align(filter.apply(ref), filter.apply(hyp));
    }

    /**
     * Ids of {@code hyp} not in {@code ref}; the first one is an error unless unknown ids are allowed.
     */
    List<String> unknownIds(Transcripts ref, Iterable<String> hypIds, Path hypSource,
                            ToLongFunction<String> lineOf) {
        List<String> unknown = new ArrayList<>();
        for (String id : hypIds) {
            if (!ref.contains(id)) {
                if (!allowUnknownIds) {
                    throw new InputFormatException(hypSource, lineOf.applyAsLong(id), "utterance id '" + id
                            + "' is not in the reference" + (ref.source() != null ? " " + ref.source() : "")
                            + " (use --allow-unknown to ignore such utterances)");
                }
                unknown.add(id);
            }
        }
        return unknown;
    }

    private List<String> unknownIds(Transcripts ref, Transcripts hyp) {
        return unknownIds(ref, hyp.ids(), hyp.source(), hyp::lineOf);
    }
}
