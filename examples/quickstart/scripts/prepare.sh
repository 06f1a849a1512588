#!/bin/sh
# Generates a small, linearly separable-ish dataset: x1,x2,label.
set -eu
rows=$1; seed=$2
mkdir -p build
awk -v n="$rows" -v seed="$seed" 'BEGIN {
  srand(seed); print "x1,x2,label"
  for (i = 0; i < n; i++) {
    x1 = rand() * 2 - 1; x2 = rand() * 2 - 1
    noise = (rand() - 0.5) * 0.4
    label = (x1 + 0.5 * x2 + noise > 0) ? 1 : 0
    printf "%.4f,%.4f,%d\n", x1, x2, label
  }
}' > build/data.csv
echo "prepared $(($(wc -l < build/data.csv) - 1)) rows in build/data.csv"
