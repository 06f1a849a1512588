#!/bin/sh
# Stands in for fetching the champion model's metrics from a registry that is
# busy on the first try (exit 75, EX_TEMPFAIL); Baton's retry policy handles it.
set -eu
if [ "${BATON_ATTEMPT:-1}" -lt 2 ]; then
  echo "registry busy (simulated), try again later" >&2
  exit 75
fi
mkdir -p build
echo '{"accuracy": 0.80}' > build/baseline.json
echo "fetched baseline on attempt $BATON_ATTEMPT: $(cat build/baseline.json)"
