#!/usr/bin/env bash
# Perplexity of the full-data Gutenberg models (eval/gutenberg-full-models.sh) on gutenberg/test.txt,
# the paper's Table 2 rows: KN5; each RNN alone and with KN5 (0.75/0.25); the RNNs together; all
# RNNs + KN5 with static weights and with weights tuned by EM; static and dynamic (the RNNs keep
# learning as they read the text, rate $DYNAMIC: default 0.1, as in the paper; DYNAMIC=auto takes
# the rate of 0.01, 0.02, 0.03, 0.05, 0.1 that gives the RNNs the lowest mean log PPL on the EM text;
# DYNAMIC=none: static only; the dynamic pass of an NCE model, which needs an exact normaliser
# per word, takes about 3 minutes a model).
# RNNs read each text as one stream (`rnn --text`, the rnnlm toolkit's protocol); KN5 per sentence
# (`ppl`). EM tunes the weights on sentences 1,501-4,500 of valid.txt, which no model has seen (the
# RNNs' learning-rate schedule used sentences 1-1,500). Per-word files go to DIR/ppl-dynamic-RATE; the table
# (eval/perword_mix.py) to stdout.
# Usage: eval/gutenberg-full-ppl.sh [DIR]   (default eval/out/gutenberg-full; reads DIR/rnns.list)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
gut="$shared/data/gutenberg"
dir="${1:-$root/eval/out/gutenberg-full}"
dynamic="${DYNAMIC:-0.1}"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java=(java ${LMRESCORE_JAVA_OPTS:--Xmx6g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$root/target/lmrescore-all.jar")
mapfile -t rnns < "$dir/rnns.list"
em="$dir/em-valid.txt"
[ -f "$em" ] || sed -n '1501,4500p' "$gut/valid.txt" > "$em"
if [ "$dynamic" = auto ]; then
  best=""
  for rate in 0.01 0.02 0.03 0.05 0.1; do
    sum=0
    for r in "${rnns[@]}"; do
      p=$("${java[@]}" rnn --model "$dir/$r.bin" --text "$em" --dynamic "$rate" 2>/dev/null | sed -nE 's/.* ppl= ([0-9.]+).*/\1/p')
      sum=$(awk -v s="$sum" -v p="$p" 'BEGIN { print s + log(p) }')
    done
    echo "dynamic rate $rate: mean log PPL of the RNNs on the EM text $(awk -v s="$sum" -v n=${#rnns[@]} 'BEGIN { printf "%.4f", s / n }')"
    if [ -z "$best" ] || awk -v a="$sum" -v b="$best_sum" 'BEGIN { exit !(a < b) }'; then best=$rate; best_sum=$sum; fi
  done
  dynamic=$best
  echo "dynamic rate chosen on the EM text: $dynamic"
fi
out="$dir/ppl-dynamic-$dynamic"
mkdir -p "$out"
declare -A texts=([valid]="$em" [test]="$gut/test.txt")
start=$SECONDS
for part in valid test; do
  text="${texts[$part]}"
  [ -f "$out/kn5.$part.words" ] || "${java[@]}" ppl --kn "$dir/kn5.bin" --text "$text" --debug "$out/kn5.$part.words" > /dev/null 2>&1
  for r in "${rnns[@]}"; do
    [ -f "$out/$r.$part.static.words" ] || "${java[@]}" rnn --model "$dir/$r.bin" --text "$text" \
      --debug "$out/$r.$part.static.words" > /dev/null 2>&1
    [ "$dynamic" = none ] || [ -f "$out/$r.$part.dynamic.words" ] || "${java[@]}" rnn --model "$dir/$r.bin" --text "$text" --dynamic "$dynamic" \
      --debug "$out/$r.$part.dynamic.words" > /dev/null 2>&1
  done
done
echo "scoring took $((SECONDS - start)) s (files kept in $out)"
python3 "$root/eval/perword_mix.py" "$out" kn5 "${rnns[@]}"
