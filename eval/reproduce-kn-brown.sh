#!/usr/bin/env bash
# Reproduces KenLM's reference figures on the Brown corpus (../shared/reference/peers.md):
#   brown-asr, lmplz -o 5: n-grams 41131 / 330094 / 581674 / 641882 / 628405
#   query test PPL 699.28 including OOVs (scored as <unk>), 489.17 excluding them; valid and -o 3 too
#   brown (cased, punctuation): the same perplexities table
#
#   eval/reproduce-kn-brown.sh [SHARED_DATA_DIR]      (default ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
out="$root/eval/out/kn"
mkdir -p "$out"
bin="$root/bin"
status=0

check() { # label, got, expected
  local ok
  ok=$(python3 -c "print('ok' if abs($2 - $3) <= 0.01 else 'DIFFERENT')")
  printf '%-44s %10.2f   KenLM %8.2f   %s\n' "$1" "$2" "$3" "$ok"
  [ "$ok" = ok ] || status=1
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

for corpus in brown-asr brown; do
  for order in 5 3; do
    "$bin/train-kn" --order "$order" --text "$data/$corpus/train.txt" --arpa "$out/$corpus.o$order.arpa" \
      --binary "$out/$corpus.o$order.bin" 2> "$out/train.$corpus.o$order.log"
    echo "$corpus order $order: $(tail -1 "$out/train.$corpus.o$order.log")"
  done
done
expected="41131/330094/581674/641882/628405"
got=$(grep -o 'n-grams [0-9/]*' "$out/train.brown-asr.o5.log" | cut -d' ' -f2)
if [ "$got" = "$expected" ]; then echo "brown-asr 5-gram counts $got: same as lmplz"; else echo "brown-asr 5-gram counts $got: lmplz has $expected"; status=1; fi

while read -r corpus order part incl excl; do
  excl_json=$("$bin/ppl" --kn "$out/$corpus.o$order.bin" --text "$data/$corpus/$part.txt" --json)
  incl_json=$("$bin/ppl" --kn "$out/$corpus.o$order.bin" --text "$data/$corpus/$part.txt" --json --score-oovs)
  check "$corpus o$order $part PPL including OOVs" "$(echo "$incl_json" | field ppl)" "$incl"
  check "$corpus o$order $part PPL excluding OOVs" "$(echo "$excl_json" | field ppl)" "$excl"
done <<'TABLE'
brown-asr 5 test 699.28 489.17
brown-asr 5 valid 686.28 479.27
brown-asr 3 test 703.83 492.26
brown-asr 3 valid 691.57 482.90
brown 5 test 376.36 259.13
brown 5 valid 404.69 277.53
brown 3 test 379.17 261.04
brown 3 valid 407.70 279.56
TABLE
exit $status
