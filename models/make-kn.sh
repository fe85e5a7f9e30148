#!/usr/bin/env bash
# Makes models/kn5-small.arpa.gz, the small default Kneser-Ney 5-gram of the README's job:
# trained with our own train-kn on the Brown ASR training text (706k words), SRILM-style
# interpolated modified Kneser-Ney with count cutoffs 1,2,2,2,2 (singleton n-grams above the
# unigrams dropped) so that the file stays under 2 MB.
# Usage: models/make-kn.sh [brown-asr dir]   (default ../shared/data/brown-asr)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
"$root/bin/train-kn" --order 5 --srilm --cutoffs 1,2 --text "$data/train.txt" \
    --arpa "$root/models/kn5-small.arpa.gz"
ls -l "$root/models/kn5-small.arpa.gz"
