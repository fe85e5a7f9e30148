package org.lmrescore.eval;

import org.lmrescore.util.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of scoring one hypothesis set against a reference: every reference utterance's
 * alignment (in reference order), the totals, the totals by speaker, and which reference
 * utterances had no hypothesis or which hypothesis ids were not in the reference (when allowed).
 */
public final class ScoreReport {
    private final String title;
    private final List<UtteranceScore> utterances;
    private final Map<String, UtteranceScore> byId = new LinkedHashMap<>();
    private final ErrorCounts totals;
    private final Map<String, ErrorCounts> bySpeaker = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> unknown;

    public ScoreReport(String title, List<UtteranceScore> utterances, List<String> unknownHypothesisIds) {
        this.title = title;
        this.utterances = Collections.unmodifiableList(new ArrayList<>(utterances));
        this.unknown = List.copyOf(unknownHypothesisIds);
        ErrorCounts sum = ErrorCounts.ZERO;
        for (UtteranceScore u : this.utterances) {
            byId.put(u.id(), u);
            ErrorCounts c = u.counts();
            sum = sum.plus(c);
            bySpeaker.merge(u.speaker(), c, ErrorCounts::plus);
            if (u.missingHypothesis()) {
                missing.add(u.id());
            }
        }
        totals = sum;
    }

    /** A name for the scored system (usually the hypothesis file). */
    public String title() {
        return title;
    }

    public List<UtteranceScore> utterances() {
        return utterances;
    }

    /** The score of reference utterance {@code id}, or null. */
    public UtteranceScore utterance(String id) {
        return byId.get(id);
    }

    public ErrorCounts totals() {
        return totals;
    }

    /** Totals by speaker, in order of first appearance. */
    public Map<String, ErrorCounts> bySpeaker() {
        return Collections.unmodifiableMap(bySpeaker);
    }

    /**
     * Whether a per-speaker table says anything: at least two speakers, and not one speaker per
     * utterance (ids without a speaker prefix).
     */
    public boolean hasSpeakers() {
        return bySpeaker.size() > 1 && bySpeaker.size() < utterances.size();
    }

    /** Reference utterances without a hypothesis (scored as all deletions). */
    public List<String> missingHypotheses() {
        return Collections.unmodifiableList(missing);
    }

    /** Hypothesis ids absent from the reference (ignored; only when the scorer allows them). */
    public List<String> unknownHypotheses() {
        return unknown;
    }

    /** Totals plus {@code missing} and {@code unknown} counts, and speakers when there are several. */
    public Json toJson() {
        Json json = totals.toJson()
                .put("missing", missing.size())
                .put("unknown", unknown.size());
        if (hasSpeakers()) {
            List<Json> speakers = new ArrayList<>();
            for (Map.Entry<String, ErrorCounts> e : bySpeaker.entrySet()) {
                speakers.add(new Json().put("speaker", e.getKey()).put("counts", e.getValue().toJson()));
            }
            json.put("speakers", speakers);
        }
        return json;
    }
}
