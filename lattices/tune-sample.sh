#!/usr/bin/env bash
# Chooses the rescoring weights of the README's default job: `tune` with the bundled models on
# the even-numbered sample utterances (the odd ones are held out and reported), written to
# lattices/sample/tuned.args for `rescore @lattices/sample/tuned.args`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/bin/tune" --rnn "$root/models/rnn-small.bin" --kn "$root/models/kn5-small.arpa.gz" \
    --in "$root/lattices/sample/slf.list" --ref "$root/lattices/sample/ref.trn" --split even \
    --params "$root/lattices/sample/tuned.args"
