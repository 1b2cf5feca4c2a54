#!/usr/bin/env bash
# Science regression checks (ci/test.sh runs this after the tests): the smoke reproduction, its
# figures against ci/baselines/smoke.json with `sgeo regress check` (docs/regression.md: how the bands
# are derived; exit 1 names every figure that left its band), then the interrupted-run check (SIGKILL
# midway, -resume, outputs identical).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=results/ci-smoke
rm -rf "$out"
bin/reproduce-smoke "$out"
bin/sgeo regress check --baseline ci/baselines/smoke.json --results "$out" \
  --report "$out/regression.md" --json "$out/regression.json"
bash ci/resume-check.sh "$out"
