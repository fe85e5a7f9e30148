#!/usr/bin/env python3
"""Table 2 of Mikolov et al. 2010 from per-word probability files.

Every model's per-word file (from `ppl --debug` or `rnn --debug`: one line per token, </s>
included, `word TAB log10p`, `OOV` or `-inf`) is read for the validation and the test text.
Rows: KN5 alone; each RNN alone and interpolated with KN5 at 0.75/0.25; all RNNs with equal
weights; all RNNs sharing 0.75 equally with KN5 at 0.25; and all RNNs + KN5 with weights tuned
by EM on the validation text (as SRILM's compute-best-mix), applied to the test text. Columns:
static RNNs, and dynamic ones (they keep learning on the text as they read it).

Perplexity as SRILM counts it: over scored tokens (</s> included); a token any model calls OOV
is skipped (the models share the training vocabulary, so they agree), a zero probability too.

Usage: perword_mix.py DIR KN RNN...   reads DIR/KN.{valid,test}.words and
       DIR/RNN.{valid,test}.{static,dynamic}.words
"""
import math
import os
import sys


def read(path):
    words, probs = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                sys.exit(f"{path}:{n}: expected 'word<TAB>log10p', got {line!r}")
            w, p = parts
            words.append(w)
            if p == "OOV":
                probs.append(None)
            elif p == "-inf":
                probs.append(0.0)
            else:
                probs.append(10.0 ** float(p))
    return words, probs


def aligned(paths):
    cols = [read(p) for p in paths]
    words = cols[0][0]
    for p, (w, _) in zip(paths, cols):
        if w != words:
            sys.exit(f"{p}: its tokens do not line up with {paths[0]}")
    rows = []
    oovs = 0
    for t in range(len(words)):
        ps = [c[1][t] for c in cols]
        if any(p is None for p in ps):
            oovs += 1
        else:
            rows.append(ps)
    return rows, oovs


def ppl(rows, weights):
    ll, n = 0.0, 0
    for ps in rows:
        p = sum(w * q for w, q in zip(weights, ps))
        if p > 0:
            ll += math.log(p)
            n += 1
    return math.exp(-ll / n)


def em(rows, weights, tol=1e-7, rounds=10000):
    w = list(weights)
    prev = -math.inf
    for _ in range(rounds):
        post = [0.0] * len(w)
        ll, n = 0.0, 0
        for ps in rows:
            p = sum(a * q for a, q in zip(w, ps))
            if p <= 0:
                continue
            ll += math.log(p)
            n += 1
            for i, (a, q) in enumerate(zip(w, ps)):
                post[i] += a * q / p
        ll /= n
        if ll - prev < tol:
            break
        prev = ll
        s = sum(post)
        w = [x / s for x in post]
    return w


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    d, kn, rnns = sys.argv[1], sys.argv[2], sys.argv[3:]
    k = len(rnns)
    table = []
    tuned = {}
    modes = ("static", "dynamic") if all(os.path.exists(f"{d}/{r}.test.dynamic.words") for r in rnns) else ("static",)
    for mode in modes:
        files = {part: [f"{d}/{r}.{part}.{mode}.words" for r in rnns] + [f"{d}/{kn}.{part}.words"]
                 for part in ("valid", "test")}
        test, oovs = aligned(files["test"])
        valid, _ = aligned(files["valid"])
        col = {"KN5 alone": ppl(test, [0] * k + [1])}
        for i, r in enumerate(rnns):
            one = [0.0] * (k + 1)
            one[i] = 1.0
            col[f"{r} alone"] = ppl(test, one)
            one[k] = 0.25
            one[i] = 0.75
            col[f"{r} + KN5 (0.75/0.25)"] = ppl(test, one)
        col[f"{k} RNNs, equal weights"] = ppl(test, [1.0 / k] * k + [0.0])
        col[f"{k} RNNs + KN5, static weights (0.75/{k} each, KN5 0.25)"] = ppl(test, [0.75 / k] * k + [0.25])
        w = em(valid, [0.75 / k] * k + [0.25])
        tuned[mode] = w
        col[f"{k} RNNs + KN5, EM weights tuned on valid"] = ppl(test, w)
        table.append((mode, col, len(test), oovs))
    names = list(table[0][1].keys())
    width = max(len(n) for n in names)
    print(f"test text: {table[0][2]:,} scored tokens, {table[0][3]:,} OOV tokens skipped")
    print(f"{'model':<{width}}" + "".join(f"  {mode:>9}" for mode in modes))
    for n in names:
        print(f"{n:<{width}}" + "".join(f"  {column[n]:9.2f}" for _, column, _, _ in table))
    for mode, w in tuned.items():
        print(f"EM weights ({mode}): " + ", ".join(f"{r} {x:.3f}" for r, x in zip(rnns + ['KN5'], w)))


if __name__ == "__main__":
    main()
