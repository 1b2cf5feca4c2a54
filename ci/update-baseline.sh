#!/usr/bin/env bash
# Deliberately rewrites ci/baselines/smoke.json from a fresh smoke reproduction with
# `sgeo regress update`. Commit the result on its own, saying why the science figures changed. Never
# run this to make a failing check pass without understanding the change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=results/baseline-smoke
rm -rf "$out"
bin/reproduce-smoke "$out"
bin/sgeo regress update --results "$out" --out ci/baselines/smoke.json
git --no-pager diff --stat -- ci/baselines/smoke.json
