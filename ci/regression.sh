#!/usr/bin/env bash
# Science regression checks (ci/test.sh runs this after the tests): the smoke reproduction, its
# figures against ci/baselines/smoke.json (ci/regression_check.py says how the bands are derived),
# then the interrupted-run check (SIGKILL midway, -resume, outputs identical).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=results/ci-smoke
rm -rf "$out"
bin/reproduce-smoke "$out"
python3 ci/regression_check.py check "$out" ci/baselines/smoke.json
bash ci/resume-check.sh "$out"
