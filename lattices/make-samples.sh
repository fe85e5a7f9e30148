#!/usr/bin/env bash
# Makes the sample lattices of the README's default job: a few dozen short sentences of the Brown
# test split, synthesised with flite (voices slt and rms, alternating), decoded by our own
# `bin/decode` with Sphinx4's en-us models. Rerunnable: the same sentences, audio and lattices
# each time (flite and the decoder are deterministic).
#
#   lattices/make-samples.sh [COUNT]          (default 30 sentences)
#
# Needs: flite (apt-get install flite), sox only if flite's output is not 16 kHz, python3, and the
# shared corpus beside the checkout (../shared, or $LMRESCORE_SHARED).
# Writes lattices/sample/: ref.trn, list.tsv, <uttid>.lat.gz, <uttid>.slf.gz, <uttid>.nbest,
# hyp.trn, hyp.ctm, summary.json and hyp2.trn (language weight 10). The audio goes to
# lattices/sample/wav/, which is not committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
shared="${LMRESCORE_SHARED:-$root/../shared}"
count="${1:-30}"
text="$shared/data/brown-asr/test.txt"
out="$here/sample"
jar="$root/target/lmrescore-all.jar"

command -v flite >/dev/null || { echo "make-samples: flite not found (apt-get install -y flite)" >&2; exit 1; }
[ -f "$text" ] || { echo "make-samples: $text not found (set LMRESCORE_SHARED)" >&2; exit 1; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)

mkdir -p "$out/wav"
rm -f "$out"/*.lat "$out"/*.lat.gz "$out"/*.slf "$out"/*.slf.gz "$out"/*.nbest

# Sentences of 5-15 words whose words all have a pronunciation in Sphinx's dictionary (an OOV word
# could never be recognised), spread evenly over the test split.
unzip -p "$jar" edu/cmu/sphinx/models/en-us/cmudict-en-us.dict > "$out/.dict"
python3 - "$text" "$out/.dict" "$count" "$out" <<'PY'
import sys
text, dict_path, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
vocab = {line.split()[0] for line in open(dict_path, encoding="utf-8") if line.strip()}
eligible = []
for number, line in enumerate(open(text, encoding="utf-8"), 1):
    words = line.split()
    if 5 <= len(words) <= 15 and all(w in vocab for w in words):
        eligible.append((number, words))
stride = len(eligible) / count
chosen = [eligible[int(i * stride)] for i in range(count)]
with open(f"{out}/ref.trn", "w") as ref, open(f"{out}/list.tsv", "w") as lst, open(f"{out}/.sentences", "w") as sent:
    for i, (number, words) in enumerate(chosen):
        voice = "slt" if i % 2 == 0 else "rms"
        uttid = f"brown_test_{number:05d}_{voice}"
        ref.write(" ".join(words) + f" ({uttid})\n")
        lst.write(f"{uttid}\twav/{uttid}.wav\t{' '.join(words)}\n")
        sent.write(f"{uttid}\t{voice}\t{' '.join(words)}\n")
print(f"make-samples: {len(chosen)} of {len(eligible)} eligible sentences", file=sys.stderr)
PY
rm -f "$out/.dict"

while IFS=$'\t' read -r uttid voice words; do
  wav="$out/wav/$uttid.wav"
  flite -voice "$voice" -t "$words" -o "$wav"
  if [ "$(soxi -r "$wav" 2>/dev/null || echo 16000)" != 16000 ]; then
    sox "$wav" -r 16000 -c 1 -b 16 "$wav.tmp.wav" && mv "$wav.tmp.wav" "$wav"
  fi
done < "$out/.sentences"
rm -f "$out/.sentences"

# The shared Sphinx lattices' settings: absolute beam 5000 (about 1 GB of heap per thread).
"$root/bin/decode" --in "$out/list.tsv" --out "$out" --threads "${THREADS:-2}" --beam 5000 --gzip
# The list the README's job rescores: one lattice per utterance (the folder holds three formats).
(cd "$out" && ls -1 *.slf.gz > slf.list)
# A second system for the significance-test example of `wer --hyp2`: language weight 10.
second="$(mktemp -d)"
"$root/bin/decode" --in "$out/list.tsv" --out "$second" --threads "${THREADS:-2}" --beam 5000 --lw 10 --nbest 0
cp "$second/hyp.trn" "$out/hyp2.trn"
rm -rf "$second"
echo "make-samples: wrote $out" >&2
