#!/usr/bin/env bash
# The project's test command (README): unit and integration tests, with Python peers
# (numpy/scipy cross-checks, a real MLflow server), then the science regression checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Fashion-MNIST for the deep-network stage tests and the smoke (a fresh machine lacks it).
bin/install-fashion-mnist
SGEO_PYTHON="$(bash ci/python-env.sh)"
export SGEO_PYTHON
echo "ci: Python peer $SGEO_PYTHON" >&2
# The Nextflow engine's own classpath (target/nextflow), used by `sgeo run` and the workflow tests.
mvn -B -ntp -q -f workflows/engine/pom.xml package && touch target/nextflow/.complete
mvn -B -ntp -Dsurefire.excludedGroups=slow,gpu package
bash ci/jdk-compat.sh
bash ci/runtime-compat.sh
if [[ -x ci/regression.sh ]]; then
  bash ci/regression.sh
fi
# A real one-node Slurm cluster on this machine: the smoke through -profile slurm, its science outputs
# byte-identical to the local smoke's (ci/slurm-check.sh; each smoke bounded by SGEO_SLURM_CHECK_TIMEOUT).
if [[ -d results/ci-smoke ]]; then bash ci/slurm-check.sh results/ci-smoke; else bash ci/slurm-check.sh; fi
