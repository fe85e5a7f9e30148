#!/usr/bin/env python3
"""Paper-style tables from the outputs of eval/paper-experiment.sh.

Reads, under --out: ppl/*.words (per-word log10 probabilities of every model on every text),
ppl/{kn3-pruned,en-us}.*.json, {a,b}/SYSTEM.json (rescore), {a,b}/SYSTEM.tune.json (tune; the
lambda-tuned system's also holds the WER at each swept lambda, or older runs' {a,b}/lambda-L.json),
decode-kn3.json; under --models: each RNN's training log. --describe: a sentence on the models.
Writes to --report: report.md, ppl.csv, wer.csv, wer-vs-lambda.csv, training-curves.csv.

Perplexities: SRILM's convention (</s> scored, OOVs skipped), computed over the tokens that every
model scores, so all rows count the same tokens (the models' vocabularies may differ); RNNs read
each text as one stream, as the rnnlm toolkit's -test.

Usage: paper_report.py --out DIR --models DIR --report DIR --dynamic RATE --describe TEXT RNN...
"""
import argparse
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perword_mix import aligned, em, ppl  # noqa: E402

SETTINGS = {
    "a": "(a) shared Sphinx lattices, generic en-us.lm.bin",
    "b": "(b) our decode, pruned Gutenberg KN trigram",
}
SHORT = {"a": "(a) Sphinx en-us LM lattices", "b": "(b) pruned Gutenberg trigram lattices"}
EPOCH = re.compile(r"^epoch\s+(\d+)\s+alpha\s+([\d.]+)\s+train entropy\s+[\d.]+\s+ppl\s+([\d.]+)\s+"
                   r"valid entropy\s+[\d.]+\s+ppl\s+([\d.]+)\s+([\d,]+) words/s(.*)$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def perplexities(out, rnns):
    """{(row, part, mode): ppl} with rows as in the paper's tables, and token counts per part."""
    d = os.path.join(out, "ppl")
    k = len(rnns)
    result, counts, weights = {}, {}, {}
    for mode in ("static", "dynamic"):
        rows_by_part = {}
        for part in ("test", "dev", "valid"):
            files = [f"{d}/{r}.{part}.{mode}.words" for r in rnns] + [f"{d}/kn5.{part}.words"]
            rows_by_part[part] = aligned(files)
        w = em(rows_by_part["valid"][0], [0.75 / k] * k + [0.25])
        weights[mode] = w
        for part in ("test", "dev"):
            rows, skipped = rows_by_part[part]
            counts[part] = (len(rows), skipped)
            if mode == "static":
                result[("KN5", part, mode)] = ppl(rows, [0] * k + [1])
            for i, r in enumerate(rnns):
                alone = [0.0] * (k + 1)
                alone[i] = 1.0
                result[(r, part, mode)] = ppl(rows, alone)
                alone[i], alone[k] = 0.75, 0.25
                result[(f"{r} + KN5", part, mode)] = ppl(rows, alone)
            result[(f"{k}xRNN", part, mode)] = ppl(rows, [1.0 / k] * k + [0.0])
            result[(f"{k}xRNN + KN5", part, mode)] = ppl(rows, [0.75 / k] * k + [0.25])
            result[(f"{k}xRNN + KN5, EM weights", part, mode)] = ppl(rows, w)
    return result, counts, weights


def training_curves(models, rnns):
    rows = []
    for r in rnns:
        with open(os.path.join(models, f"{r}.log"), encoding="utf-8") as f:
            for line in f:
                m = EPOCH.match(line.strip())
                if m:
                    rows.append({"model": r, "epoch": int(m.group(1)), "alpha": float(m.group(2)),
                                 "train_ppl": float(m.group(3)), "valid_ppl": float(m.group(4)),
                                 "words_per_s": int(m.group(5).replace(",", "")),
                                 "restored": "restored" in m.group(6)})
    return rows


def fmt_p(p):
    if p is None or p == "":
        return ""
    return f"{p:.1e}" if p < 0.001 else f"{p:.3f}"


def write_csv(path, rows, fields):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in fields})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--dynamic", required=True)
    ap.add_argument("--describe", required=True, help="the models, one sentence for the report's top")
    ap.add_argument("rnns", nargs="+")
    a = ap.parse_args()
    rnns, k = a.rnns, len(a.rnns)
    os.makedirs(a.report, exist_ok=True)

    # -- perplexity
    pp, counts, em_weights = perplexities(a.out, rnns)
    ppl_rows = ["KN5"] + rnns + [f"{r} + KN5" for r in rnns] + [f"{k}xRNN", f"{k}xRNN + KN5", f"{k}xRNN + KN5, EM weights"]
    ppl_csv = []
    for row in ppl_rows:
        for part in ("test", "dev"):
            for mode in ("static", "dynamic"):
                if (row, part, mode) in pp:
                    ppl_csv.append({"model": row, "text": part, "mode": mode, "ppl": f"{pp[(row, part, mode)]:.2f}",
                                    "tokens": counts[part][0], "skipped": counts[part][1]})
    write_csv(os.path.join(a.report, "ppl.csv"), ppl_csv, ["model", "text", "mode", "ppl", "tokens", "skipped"])

    # -- WER
    wer_csv, lambda_csv = [], []
    systems = ["kn5"] + rnns + ["3rnn"] + [f"{r}+kn5" for r in rnns] + ["3rnn+kn5", "3rnn+kn5-dynamic",
                                                                        "3rnn+kn5-tuned-lambda"]
    label = {"kn5": "KN5", "3rnn": f"{k}xRNN", "3rnn+kn5": f"{k}xRNN + KN5 (0.75/0.25)",
             "3rnn+kn5-dynamic": f"{k}xRNN + KN5, dynamic", "3rnn+kn5-tuned-lambda": f"{k}xRNN + KN5, lambda tuned"}
    for r in rnns:
        label[r] = r
        label[f"{r}+kn5"] = f"{r} + KN5 (0.75/0.25)"
    ppl_of = {"kn5": "KN5", "3rnn": f"{k}xRNN", "3rnn+kn5": f"{k}xRNN + KN5", "3rnn+kn5-dynamic": f"{k}xRNN + KN5"}
    for r in rnns:
        ppl_of[r] = r
        ppl_of[f"{r}+kn5"] = f"{r} + KN5"
    wer = {}
    first = {}
    for s in SETTINGS:
        sdir = os.path.join(a.out, s)
        for sysname in systems:
            path = os.path.join(sdir, f"{sysname}.json")
            if not os.path.exists(path):
                continue
            j = load(path)
            tuned = load(os.path.join(sdir, f"{sysname.replace('-dynamic', '')}.tune.json"))
            sig = j.get("significance", {})
            wer[(s, sysname)] = j
            first[s] = j
            wer_csv.append({"first_pass": s, "system": label[sysname], "wer": j["wer_after"],
                            "first_pass_wer": j["wer_before"], "oracle_wer": j["oracle_wer"],
                            "p_mapsswe": sig.get("mapsswe", {}).get("p", ""),
                            "p_mcnemar": sig.get("mcnemar", {}).get("p", ""),
                            "lmscale": tuned["lmscale"], "wip": tuned["wip"],
                            "first_pass_weight": tuned["first_pass_weight"], "lambda": tuned.get("lambda", ""),
                            "words": j["reference_words"], "utterances": j["utterances"]})
        kn5_tune, rnn_tune = os.path.join(sdir, "kn5.tune.json"), os.path.join(sdir, "3rnn.tune.json")
        points = []
        if os.path.exists(kn5_tune):
            points.append((0.0, load(kn5_tune)["held_out_wer"]))
        for name in os.listdir(sdir) if os.path.isdir(sdir) else []:
            m = re.match(r"lambda-([\d.]+)\.json$", name)
            if m:
                points.append((float(m.group(1)), load(os.path.join(sdir, name))["held_out_wer"]))
        swept = os.path.join(sdir, "3rnn+kn5-tuned-lambda.tune.json")
        if os.path.exists(swept):
            points += [(p["lambda"], p["held_out_wer"]) for p in load(swept).get("lambda_sweep", [])]
        if os.path.exists(rnn_tune):
            points.append((1.0, load(rnn_tune)["held_out_wer"]))
        for lam, w in sorted(points):
            lambda_csv.append({"first_pass": s, "setting": SHORT[s], "lambda": lam, "wer": w})
    write_csv(os.path.join(a.report, "wer.csv"), wer_csv,
              ["first_pass", "system", "wer", "first_pass_wer", "oracle_wer", "p_mapsswe", "p_mcnemar",
               "lmscale", "wip", "first_pass_weight", "lambda", "words", "utterances"])
    write_csv(os.path.join(a.report, "wer-vs-lambda.csv"), lambda_csv, ["first_pass", "setting", "lambda", "wer"])

    curves = training_curves(a.models, rnns)
    write_csv(os.path.join(a.report, "training-curves.csv"), curves,
              ["model", "epoch", "alpha", "train_ppl", "valid_ppl", "words_per_s", "restored"])

    # -- Markdown
    md = []
    md.append("# The paper's experiment on the shared data (Mikolov et al. 2010, WSJ tables)\n")
    md.append("Made by `eval/paper-experiment.sh` (tables by `eval/paper_report.py`, plots by `bin/plot`). "
              f"Models: {a.describe}\n")
    md.append("## Perplexity\n")
    md.append(f"Over the tokens every model scores (`</s>` included, OOVs skipped): gutenberg test "
              f"{counts['test'][0]:,} tokens ({counts['test'][1]:,} skipped), dev references {counts['dev'][0]:,} tokens "
              f"({counts['dev'][1]:,} skipped). RNN + KN5 rows mix at 0.75/0.25 (RNNs share 0.75 equally); "
              f"EM weights are tuned on the RNNs' validation text. Dynamic: the RNNs keep training on the text "
              f"as they read it (rate {a.dynamic}).\n")
    md.append("| model | test PPL | test, dynamic | dev refs PPL | dev refs, dynamic |")
    md.append("|---|---:|---:|---:|---:|")
    for row in ppl_rows:
        cells = [f"{pp[(row, part, mode)]:.1f}" if (row, part, mode) in pp else "" for part in ("test", "dev")
                 for mode in ("static", "dynamic")]
        md.append(f"| {row} | " + " | ".join(cells) + " |")
    names = rnns + ["KN5"]
    for mode, w in em_weights.items():
        md.append("")
        md.append(f"EM weights ({mode}): " + ", ".join(f"{n} {x:.3f}" for n, x in zip(names, w)))
    md.append("")
    md.append("First-pass LMs, each over its own vocabulary (not comparable with the rows above):\n")
    md.append("| first-pass LM | test PPL | test OOV % | dev refs PPL | dev refs OOV % |")
    md.append("|---|---:|---:|---:|---:|")
    for lm, title in (("en-us", "Sphinx en-us.lm.bin (setting a)"), ("kn3-pruned", "pruned KN trigram (setting b)")):
        cells = []
        for part in ("test", "dev"):
            j = load(os.path.join(a.out, "ppl", f"{lm}.{part}.json"))
            cells += [f"{j['ppl']:.1f}", f"{100.0 * j['oovs'] / (j['words'] or 1):.2f}"]
        md.append(f"| {title} | " + " | ".join(cells) + " |")
    md.append("")

    md.append("## Word error rate on the dev speech\n")
    md.append("Held-out half of the dev set (odd positions of the sorted utterance ids); each system's lmscale, "
              "word insertion penalty and first-pass weight were tuned by `tune` on the other half. Rescoring the "
              "100 best distinct paths of each lattice. p: MAPSSWE (and McNemar) against the first pass's own 1-best; "
              "PPL: dev references, as above.\n")
    for s, title in SETTINGS.items():
        if s not in first:
            continue
        f0 = first[s]
        md.append(f"### {title}\n")
        md.append(f"{f0['utterances']} utterances, {f0['reference_words']:,} reference words.\n")
        md.append("| system | dev PPL | WER % | change | rel. % | p (MAPSSWE) | p (McNemar) | lmscale / wip / first-pass weight |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---|")
        md.append(f"| first pass 1-best | | {f0['wer_before']:.2f} | | | | | |")
        for sysname in systems:
            j = wer.get((s, sysname))
            if j is None:
                continue
            row = next(r for r in wer_csv if r["first_pass"] == s and r["system"] == label[sysname])
            key = ppl_of.get(sysname)
            mode = "dynamic" if sysname.endswith("dynamic") else "static"
            dev_ppl = f"{pp[(key, 'dev', mode)]:.1f}" if key and (key, "dev", mode) in pp else ""
            change = j["wer_after"] - j["wer_before"]
            lam = f", lambda {row['lambda']}" if sysname.endswith("tuned-lambda") else ""
            md.append(f"| {label[sysname]} | {dev_ppl} | {j['wer_after']:.2f} | {change:+.2f} | "
                      f"{100.0 * change / j['wer_before']:+.1f} | {fmt_p(row['p_mapsswe'])} | {fmt_p(row['p_mcnemar'])} | "
                      f"{row['lmscale']} / {row['wip']} / {row['first_pass_weight']}{lam} |")
        md.append(f"| oracle (100-best) | | {f0['oracle_wer']:.2f} | | | | | |")
        md.append("")
    decode = os.path.join(a.out, "decode-kn3.json")
    if os.path.exists(decode):
        j = load(decode)
        md.append(f"Setting (b)'s first pass: `decode` with the pruned trigram, {j['decoded']} of {j['utterances']} "
                  f"files decoded, {j['audio_seconds']:.0f} s of audio in {j['wall_seconds']:.0f} s with {j['threads']} "
                  f"threads ({j['real_time_factor']:.2f} x real time).\n")
    md.append("## WER against the interpolation weight\n")
    md.append(f"{k}xRNN + KN5, lambda = the RNNs' total weight (0: KN5 alone, 1: RNNs alone); lmscale, wip and "
              "first-pass weight tuned at each point on the tuning half; WER on the held-out half. "
              "Data: `wer-vs-lambda.csv`.\n")
    md.append("![WER against lambda](wer-vs-lambda.png)\n")
    md.append("| lambda | " + " | ".join(f"WER {s}" for s in SETTINGS) + " |")
    md.append("|---:|" + "---:|" * len(SETTINGS))
    lams = sorted({r["lambda"] for r in lambda_csv})
    for lam in lams:
        cells = [next((f"{r['wer']:.2f}" for r in lambda_csv if r["lambda"] == lam and r["first_pass"] == s), "")
                 for s in SETTINGS]
        md.append(f"| {lam:g} | " + " | ".join(cells) + " |")
    md.append("")
    md.append("## Training curves\n")
    md.append("Validation perplexity after each epoch (the learning-rate schedule's input; an epoch marked "
              "restored made it worse and was undone). Data: `training-curves.csv`.\n")
    md.append("![training curves](training-curves.png)\n")
    md.append("| model | epoch | rate | train PPL | valid PPL | words/s |")
    md.append("|---|---:|---:|---:|---:|---:|")
    for c in curves:
        md.append(f"| {c['model']} | {c['epoch']} | {c['alpha']:g} | {c['train_ppl']:.1f} | {c['valid_ppl']:.1f}"
                  f"{' (restored)' if c['restored'] else ''} | {c['words_per_s']:,} |")
    md.append("")
    with open(os.path.join(a.report, "report.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
