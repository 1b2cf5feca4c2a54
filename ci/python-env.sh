#!/usr/bin/env bash
# Creates (once) and prints the path of the Python used by tests as an independent peer:
# numpy/scipy to cross-check statistics and file formats, mlflow for a real tracking server.
# Cached in $SGEO_VENV (default ~/.cache/synaptic-geometry/venv-<hash of requirements>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
req="$here/requirements.txt"
hash=$(sha256sum "$req" | cut -c1-12)
venv="${SGEO_VENV:-$HOME/.cache/synaptic-geometry/venv-$hash}"
if [[ ! -x "$venv/bin/python" || ! -f "$venv/.complete" ]]; then
  echo "ci: creating Python test environment in $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
echo "$venv/bin/python"
