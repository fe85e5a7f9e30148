#!/usr/bin/env bash
# The held-out half of a dev set, as `tune --split even` leaves it: utterance ids sorted (C
# locale), odd 0-based positions held out (HELD_OUT=even: the half `tune --split odd` leaves).
# Writes to OUT_DIR: ids.txt, held-out.ids, held-out.list (lattice paths), held-out.ref.trn and
# held-out.first-pass.trn.
# Usage: eval/held-out-split.sh LATTICE_DIR SUFFIX REF_TRN FIRST_PASS_TRN OUT_DIR [HELD_OUT]
set -euo pipefail
in="$1" suffix="$2" ref="$3" first="$4" out="$5" held="${6:-odd}"
[ "$held" = odd ] || [ "$held" = even ] || { echo "held-out-split: HELD_OUT must be odd or even" >&2; exit 2; }
mkdir -p "$out"
ls "$in" | grep -F "$suffix" | sed "s|$suffix\$||" | LC_ALL=C sort > "$out/ids.txt"
awk -v r="$([ "$held" = odd ] && echo 0 || echo 1)" 'NR % 2 == r' "$out/ids.txt" > "$out/held-out.ids"
sed "s|^\(.*\)$|$in/\1$suffix|" "$out/held-out.ids" > "$out/held-out.list"
keep() { awk 'NR == FNR { want["(" $1 ")"] = 1; next } ($NF in want)' "$out/held-out.ids" "$1"; }
keep "$ref" > "$out/held-out.ref.trn"
keep "$first" > "$out/held-out.first-pass.trn"
