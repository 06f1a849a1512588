#!/bin/sh
# Packages the chosen model with its metrics, ready to deploy.
set -eu
model=$(sed 's/.*"model": "\([^"]*\)".*/\1/' build/metrics.json)
mkdir -p build/package
cp "$model" build/package/model.txt
cp build/metrics.json build/benchmark.txt build/package/
tar -C build -czf build/model.tar.gz package
echo "packaged build/model.tar.gz ($(wc -c < build/model.tar.gz) bytes)"
