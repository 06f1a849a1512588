#!/bin/sh
# Scores every trained model on the data, keeps the best, and gates it against the baseline.
set -eu
best=""; best_acc=0
for model in build/model-lr*.txt; do
  acc=$(awk -F, -v m="$(cat "$model")" 'BEGIN { split(m, w, " ") }
    NR > 1 { p = w[1] * $1 + w[2] * $2 + w[3]; ok += ((p > 0) == $3); n++ }
    END { printf "%.4f", ok / n }' build/data.csv)
  echo "$model accuracy $acc"
  if awk -v a="$acc" -v b="$best_acc" 'BEGIN { exit !(a > b) }'; then best=$model; best_acc=$acc; fi
done
baseline=$(sed 's/.*: *\([0-9.]*\).*/\1/' build/baseline.json)
printf '{"model": "%s", "accuracy": %s, "baseline": %s}\n' "$best" "$best_acc" "$baseline" > build/metrics.json
echo "best: $best ($best_acc, baseline $baseline)"
awk -v a="$best_acc" -v b="$baseline" 'BEGIN { exit !(a >= b) }' || { echo "accuracy $best_acc is below the baseline $baseline" >&2; exit 1; }
