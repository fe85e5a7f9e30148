#!/usr/bin/env bash
# The three output layers on brown-asr, sigmoid H=200, bptt 4 / block 10, the rnnlm schedule on
# the whole validation text, THREADS threads (default 2): --output class (--class 100), hs and
# nce (--nce-samples 20). Prints each model's training time and its test perplexity the rnnlm
# toolkit's way (bin/rnn: text read as one stream, OOVs skipped, </s> counted; exact, normalised
# probabilities for every output); the rnnlm 0.2a class model of ../shared/reference/peers.md
# has 469.93. Rerunning resumes or reuses finished models. NCE's exact validation reads its whole
# output matrix per word (batched); VALID_LINES=N validates on the first N lines instead.
# SHUFFLE=1 trains with --shuffle (models named brown-OUTPUT-shuffle-tN.bin).
# Usage: eval/rnn-outputs.sh [output ...]   (default: class hs nce; env THREADS, VALID_LINES, SHUFFLE)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/brown-asr"
out="$root/eval/out/rnn-outputs"
threads="${THREADS:-2}"
mkdir -p "$out"
valid="$data/valid.txt"
shuffle=() suffix=""
if [ "${SHUFFLE:-0}" = 1 ]; then
  shuffle=(--shuffle) suffix="-shuffle"
fi
if [ -n "${VALID_LINES:-}" ]; then
  valid="$out/valid-$VALID_LINES.txt"
  head -n "$VALID_LINES" "$data/valid.txt" > "$valid"
fi
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
for output in "${@:-class hs nce}"; do
  for o in $output; do
    model="$out/brown-$o$suffix-t$threads.bin"
    if [ ! -f "$model" ]; then
      start=$(date +%s)
      "$root/bin/train-rnn" --train "$data/train.txt" --valid "$valid" --hidden 200 --output "$o" --class 100 \
          --bptt 4 --bptt-block 10 --seed 1 --threads "$threads" "${shuffle[@]}" --model "$model" 2>/dev/null | tee "$out/brown-$o$suffix-t$threads.train.log"
      echo "$o: trained in $(( $(date +%s) - start )) s, validation text $valid" | tee -a "$out/brown-$o$suffix-t$threads.train.log"
    fi
    start=$(date +%s)
    echo "$o$suffix test (stream, static): $("$root/bin/rnn" --model "$model" --text "$data/test.txt" --json 2>/dev/null) in $(( $(date +%s) - start )) s"
  done
done
