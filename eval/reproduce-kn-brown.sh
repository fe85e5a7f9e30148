#!/usr/bin/env bash
# Reproduces KenLM's reference figures on the Brown ASR split (../shared/reference/peers.md):
#   lmplz -o 5: n-grams 41131 / 330094 / 581674 / 641882 / 628405
#   query test: PPL 699.28 including OOVs (scored as <unk>), 489.17 excluding them
#   query valid: 686.28 / 479.27;  -o 3 test: 703.83 / 492.26
#
#   eval/reproduce-kn-brown.sh [DATA_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
out="$root/eval/out/kn"
mkdir -p "$out"
bin="$root/bin"
status=0

check() { # label, got, expected
  local ok
  ok=$(python3 -c "print('ok' if abs($2 - $3) <= 0.01 else 'DIFFERENT')")
  printf '%-34s %10.2f   KenLM %8.2f   %s\n' "$1" "$2" "$3" "$ok"
  [ "$ok" = ok ] || status=1
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

for order in 5 3; do
  model="$out/brown.o$order.arpa"
  "$bin/train-kn" --order "$order" --text "$data/train.txt" --arpa "$model" --binary "$out/brown.o$order.bin" 2> "$out/train.o$order.log"
  echo "order $order: $(tail -1 "$out/train.o$order.log")"
done
expected="41131/330094/581674/641882/628405"
got=$(grep -o 'n-grams [0-9/]*' "$out/train.o5.log" | cut -d' ' -f2)
if [ "$got" = "$expected" ]; then echo "5-gram counts $got: same as lmplz"; else echo "5-gram counts $got: lmplz has $expected"; status=1; fi

for spec in "5 test 699.28 489.17" "5 valid 686.28 479.27" "3 test 703.83 492.26" "3 valid 691.57 482.90"; do
  read -r order part incl excl <<< "$spec"
  excl_json=$("$bin/ppl" --kn "$out/brown.o$order.bin" --text "$data/$part.txt" --json)
  incl_json=$("$bin/ppl" --kn "$out/brown.o$order.bin" --text "$data/$part.txt" --json --score-oovs)
  check "o$order $part PPL including OOVs" "$(echo "$incl_json" | field ppl)" "$incl"
  check "o$order $part PPL excluding OOVs" "$(echo "$excl_json" | field ppl)" "$excl"
done
exit $status
