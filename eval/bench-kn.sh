#!/usr/bin/env bash
# The Kneser-Ney tools side by side with KenLM built from its public source (lmplz, build_binary,
# query), in one run, ROUNDS alternating rounds per measurement, medians and ratios:
#   1. training a 5-gram (ARPA out) on brown-asr and on gutenberg: train-kn --memory M vs lmplz -S M
#   2. the binary files of lmplz's gutenberg ARPA (the same model for both): probing, trie, trie -q 8 -b 8
#   3. perplexity of gutenberg test from each binary, whole command: ppl --kn vs query -v summary
#
#   KENLM_BIN=/path/to/kenlm/build/bin eval/bench-kn.sh [ROUNDS] [MEMORY]     (defaults 3, 1G)
#
# Wall seconds and peak RSS come from /usr/bin/time. Outputs and the table (bench.md) go to
# eval/out/kn/. Ratios are ours / KenLM's: below 1 is better.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
memory="${2:-1G}"
kenlm="${KENLM_BIN:?set KENLM_BIN to the folder of lmplz, build_binary and query}"
shared="${LMRESCORE_SHARED:-$root/../shared}"
out="$root/eval/out/kn"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
ours="$root/bin/lmrescore"
results="$out/results.tsv"
: > "$results"

# run LABEL WHO CMD...: one timed run (stdin from $stdin if set), appends "label who wall rss_mb" to results
run() {
  local label="$1" who="$2"; shift 2
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" < "${stdin:-/dev/null}" > "$out/$label.$who.stdout" 2> "$out/$label.$who.stderr"
  read -r wall rss < "$out/time.txt"
  printf '%s\t%s\t%s\t%s\n' "$label" "$who" "$wall" "$((rss / 1024))" >> "$results"
  printf '  %-22s %-6s %6.2f s %6d MB\n' "$label" "$who" "$wall" "$((rss / 1024))"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); KenLM: $kenlm; memory budget $memory"
for corpus in brown-asr gutenberg; do
  text="$shared/data/$corpus/train.txt"
  echo "== train 5-gram on $corpus"
  for r in $(seq "$rounds"); do
    stdin="$text" run "train-$corpus" kenlm "$kenlm/lmplz" -o 5 -S "$memory" -T "$out" --arpa "$out/$corpus.kenlm.arpa"
    run "train-$corpus" ours "$ours" train-kn --order 5 --memory "$memory" --temp "$out" --text "$text" \
      --arpa "$out/$corpus.ours.arpa"
  done
  # the same n-grams: the ARPA headers' counts agree
  if diff <(sed -n '/^ngram /p' "$out/$corpus.kenlm.arpa") <(sed -n '/^ngram /p' "$out/$corpus.ours.arpa") > /dev/null; then
    echo "  n-gram counts identical: $(sed -n '/^ngram /p' "$out/$corpus.ours.arpa" | cut -d= -f2 | paste -sd/)"
  else
    echo "  N-GRAM COUNTS DIFFER"; exit 1
  fi
done

arpa="$out/gutenberg.kenlm.arpa"
test="$shared/data/gutenberg/test.txt"
echo "== binaries of the gutenberg 5-gram (lmplz's ARPA)"
declare -A kenlm_args=([probing]="probing" [trie]="trie" [trie-q8]="-q 8 -b 8 trie")
declare -A our_args=([probing]="--layout probing" [trie]="--layout trie" [trie-q8]="--layout trie --quantize 8")
for layout in probing trie trie-q8; do
  # shellcheck disable=SC2086
  run "build-$layout" kenlm "$kenlm/build_binary" ${kenlm_args[$layout]} "$arpa" "$out/g5.$layout.kenlm"
  # shellcheck disable=SC2086
  run "build-$layout" ours "$ours" build-binary ${our_args[$layout]} "$arpa" "$out/g5.$layout.ours"
  printf 'size\t%s\t%s\t%s\n' "$layout" "$(stat -c %s "$out/g5.$layout.kenlm")" "$(stat -c %s "$out/g5.$layout.ours")" >> "$results"
done

echo "== perplexity of gutenberg test ($(wc -w < "$test") words) from each binary, whole command"
for layout in probing trie trie-q8; do
  for r in $(seq "$rounds"); do
    stdin="$test" run "query-$layout" kenlm "$kenlm/query" -v summary "$out/g5.$layout.kenlm"
    run "query-$layout" ours "$ours" ppl --kn "$out/g5.$layout.ours" --text "$test"
  done
  echo "  KenLM: $(grep 'excluding OOVs' "$out/query-$layout.kenlm.stdout")   ours: $(grep -o 'ppl= [0-9.]*' "$out/query-$layout.ours.stdout")"
done

python3 - "$results" "$rounds" "$memory" > "$out/bench.md" <<'PY'
import statistics, sys
from collections import defaultdict
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
times, rss, sizes = defaultdict(list), defaultdict(list), {}
for r in rows:
    if r[0] == 'size':
        sizes[r[1]] = (int(r[2]), int(r[3]))
        continue
    times[(r[0], r[1])].append(float(r[2]))
    rss[(r[0], r[1])].append(int(r[3]))
print(f'{sys.argv[2]} alternating rounds, memory budget {sys.argv[3]}; medians; ratio = ours / KenLM\n')
print('| step | KenLM wall | ours wall | ratio | KenLM peak RSS | ours peak RSS | ratio |')
print('|---|---:|---:|---:|---:|---:|---:|')
for label in dict.fromkeys(k[0] for k in times):
    k, o = (label, 'kenlm'), (label, 'ours')
    kt, ot = statistics.median(times[k]), statistics.median(times[o])
    kr, orr = statistics.median(rss[k]), statistics.median(rss[o])
    print(f'| {label} | {kt:.2f} s | {ot:.2f} s | {ot / kt:.2f} | {kr:.0f} MB | {orr:.0f} MB | {orr / kr:.2f} |')
print('\n| binary | KenLM bytes | ours bytes | ratio |')
print('|---|---:|---:|---:|')
for layout, (k, o) in sizes.items():
    print(f'| {layout} | {k:,} | {o:,} | {o / k:.3f} |')
PY
cat "$out/bench.md"
