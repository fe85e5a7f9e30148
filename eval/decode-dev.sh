#!/usr/bin/env bash
# Decodes the shared development speech (../shared/speech/dev: 539 utterances, 1655 s) with our
# `bin/decode` in the shared Sphinx lattices' setting (en-us models, language weight 8, word
# insertion probability 0.1, absolute beam 5000, relative beam 1e-60) and compares:
#   - our 1-best WER with the shared Sphinx 1-best (sphinx/hyp.trn, 23.0%): should agree within 1% absolute;
#   - the real-time factor of the run (summary.json).
# CPU heavy (about 20-40 min on 2 busy cores): run it once, in the background, e.g.
#   nohup nice eval/decode-dev.sh > eval/out/decode-dev.log 2>&1 &
#   eval/decode-dev.sh [THREADS]     (default 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="${LMRESCORE_SHARED:-$root/../shared}"
dev="$shared/speech/dev"
out="$here/out/decode-dev"
threads="${1:-2}"
[ -f "$dev/list.tsv" ] || { echo "decode-dev: $dev/list.tsv not found (set LMRESCORE_SHARED)" >&2; exit 1; }
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
mkdir -p "$out"

"$root/bin/decode" --in "$dev/list.tsv" --out "$out" --threads "$threads" --beam 5000 --lw 8 --wip 0.1 --gzip --json \
  > "$out/decode.json"

ours=$("$root/bin/wer" --ref "$dev/ref.trn" --hyp "$out/hyp.trn" --json)
theirs=$("$root/bin/wer" --ref "$dev/ref.trn" --hyp "$dev/sphinx/hyp.trn" --json)
python3 - "$ours" "$theirs" "$out/summary.json" <<'PY' | tee "$out/report.md"
import json, sys
ours, theirs, summary = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.load(open(sys.argv[3]))
diff = ours["wer"] - theirs["wer"]
print("| 1-best | WER % | words | errors |")
print("|---|---|---|---|")
print(f"| our decode | {ours['wer']:.2f} | {ours['n']} | {ours['err']} |")
print(f"| shared Sphinx 1-best | {theirs['wer']:.2f} | {theirs['n']} | {theirs['err']} |")
print()
print(f"difference {diff:+.2f} % absolute: {'within' if abs(diff) <= 1 else 'NOT within'} 1 %")
print(f"{summary['decoded']} decoded, {summary['no_speech']} without speech, {summary['failed']} failed; "
      f"{summary['audio_seconds']:.0f} s of audio in {summary['wall_seconds']:.0f} s with {summary['threads']} threads: "
      f"{summary['real_time_factor']:.2f} x real time ({summary['per_thread_real_time_factor']:.2f} x per thread)")
PY
