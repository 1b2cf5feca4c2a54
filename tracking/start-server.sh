#!/usr/bin/env bash
# Starts a local MLflow server (tracking API + UI) for synaptic-geometry, with the pinned MLflow of
# ci/python-env.sh (3.17.2). Runs in the foreground; stop it with Ctrl-C.
#
#   tracking/start-server.sh                  # browse the embedded store ./mlruns (read and write)
#   tracking/start-server.sh --store DIR      # browse another embedded store
#   tracking/start-server.sh --sqlite DIR     # a real server with a SQLite backend and served
#                                             # artifacts in DIR; then export
#                                             # MLFLOW_TRACKING_URI=http://127.0.0.1:$PORT
# PORT (default 5000) and HOST (default 127.0.0.1) come from the environment.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$(bash "$root/ci/python-env.sh")"
mlflow="$(dirname "$python")/mlflow"
port="${PORT:-5000}"
host="${HOST:-127.0.0.1}"
mode="${1:---store}"
dir="${2:-$PWD/mlruns}"
export MLFLOW_DISABLE_TELEMETRY=true
case "$mode" in
  --store)
    dir="$(cd "$dir" && pwd)"
    # MLflow 3.13+ opens a file store only with this variable (the file store is in maintenance mode).
    export MLFLOW_ALLOW_FILE_STORE=true
    echo "MLflow UI on http://$host:$port for the store $dir" >&2
    exec "$mlflow" server --host "$host" --port "$port" --workers 1 --backend-store-uri "file://$dir"
    ;;
  --sqlite)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    echo "MLflow server on http://$host:$port (SQLite $dir/mlflow.db, artifacts $dir/mlartifacts)" >&2
    echo "use: export MLFLOW_TRACKING_URI=http://$host:$port" >&2
    exec "$mlflow" server --host "$host" --port "$port" --workers 1 \
      --backend-store-uri "sqlite:///$dir/mlflow.db" --artifacts-destination "$dir/mlartifacts"
    ;;
  *)
    echo "usage: tracking/start-server.sh [--store DIR | --sqlite DIR]" >&2
    exit 2
    ;;
esac
