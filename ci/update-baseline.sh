#!/usr/bin/env bash
# Deliberately rewrites ci/baselines/smoke.json from a fresh smoke reproduction. Commit the result
# on its own, saying why the science figures changed. Never run this to make a failing check pass
# without understanding the change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=results/baseline-smoke
rm -rf "$out"
bin/reproduce-smoke "$out"
python3 ci/regression_check.py update "$out" ci/baselines/smoke.json
git --no-pager diff --stat -- ci/baselines/smoke.json
