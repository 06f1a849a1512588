#!/bin/sh
# Times batch inference of the chosen model over n rows.
set -eu
n=$1
model=$(sed 's/.*"model": "\([^"]*\)".*/\1/' build/metrics.json)
start=$(date +%s%N 2>/dev/null || date +%s)
awk -v n="$n" -v m="$(cat "$model")" 'BEGIN { split(m, w, " "); srand(1)
  for (i = 0; i < n; i++) { s += (w[1] * rand() + w[2] * rand() + w[3] > 0) } print s > "/dev/null" }'
end=$(date +%s%N 2>/dev/null || date +%s)
echo "scored $n rows in $(( (end - start) / 1000000 )) ms" | tee build/benchmark.txt
