#!/bin/sh
# Trains a logistic-regression model with plain gradient descent (awk), one per matrix cell.
set -eu
lr=$1; epochs=$2
out="build/model-lr$lr.txt"
awk -F, -v lr="$lr" -v epochs="$epochs" 'NR > 1 { x1[n] = $1; x2[n] = $2; y[n] = $3; n++ }
END {
  w1 = 0; w2 = 0; b = 0
  for (e = 1; e <= epochs; e++) {
    loss = 0
    for (i = 0; i < n; i++) {
      p = 1 / (1 + exp(-(w1 * x1[i] + w2 * x2[i] + b)))
      g = p - y[i]
      w1 -= lr * g * x1[i]; w2 -= lr * g * x2[i]; b -= lr * g
      loss += -(y[i] * log(p + 1e-9) + (1 - y[i]) * log(1 - p + 1e-9))
    }
    if (e % 5 == 0) printf "epoch %d loss %.4f\n", e, loss / n > "/dev/stderr"
  }
  printf "%f %f %f\n", w1, w2, b
}' build/data.csv > "$out"
echo "trained $out: $(cat "$out")"
