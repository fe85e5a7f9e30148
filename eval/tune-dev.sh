#!/usr/bin/env bash
# Tunes lmscale, word insertion penalty and first-pass LM weight on one half of the Sphinx dev
# utterances (1st, 3rd, ...) and reports WER before (Sphinx's hyp.trn) and after, with MAPSSWE, on
# the other half. Then rescores the whole dev set's lattices with the chosen values.
#
#   eval/tune-dev.sh [MODEL_OPTIONS...]      default: --kn eval/out/rescore/kn5.bin (bench-rescore.sh makes it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
out="$root/eval/out/tune"
mkdir -p "$out"
jar="$root/target/lmrescore.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package)
java=(java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC)
[ "$#" -gt 0 ] || set -- --kn "$root/eval/out/rescore/kn5.bin"

"${java[@]}" -jar "$jar" tune "$@" --in "$shared/speech/dev/sphinx/lat" --ref "$shared/speech/dev/ref.trn" \
  --baseline "$shared/speech/dev/sphinx/hyp.trn" --json | tee "$out/tune.txt"
read -r lmscale wip fpw < <(tail -1 "$out/tune.txt" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["lmscale"], j["wip"], j["first_pass_weight"])')
echo "== rescore (lattices) with --lmscale $lmscale --wip $wip --first-pass-weight $fpw, whole dev set"
"${java[@]}" -jar "$jar" rescore "$@" --in "$shared/speech/dev/sphinx/lat" --out "$out/dev" --no-lattices \
  --lmscale "$lmscale" --wip "$wip" --first-pass-weight "$fpw" \
  --ref "$shared/speech/dev/ref.trn" --baseline "$shared/speech/dev/sphinx/hyp.trn" | head -2
