#!/usr/bin/env bash
# The project's test command (README): unit and integration tests, with Python peers
# (numpy/scipy cross-checks, a real MLflow server), then the science regression checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Fashion-MNIST for the deep-network stage tests (Debian package; a fresh CI machine lacks it).
if [[ ! -d /usr/share/datasets/fashion-mnist && -z "${SGEO_DATA:-}" ]]; then
  echo "ci: installing dataset-fashion-mnist" >&2
  sudo_cmd=""
  if [[ "$(id -u)" != 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq >&2 && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >&2
fi
SGEO_PYTHON="$(bash ci/python-env.sh)"
export SGEO_PYTHON
echo "ci: Python peer $SGEO_PYTHON" >&2
# The Nextflow engine's own classpath (target/nextflow), used by `sgeo run` and the workflow tests.
mvn -B -ntp -q -f workflows/engine/pom.xml package && touch target/nextflow/.complete
mvn -B -ntp -Dsurefire.excludedGroups=slow,gpu package
if [[ -x ci/regression.sh ]]; then
  bash ci/regression.sh
fi
