#!/usr/bin/env bash
# A later JDK (here Temurin 25, when installed) must still run mirror descent: its incubating Vector
# API lacks what the fused step uses (fromByteBuffer left in Java 19), so sgeo must say so once and
# fall back to libtorch ops instead of failing mid-training. Skipped when no such JDK is present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java25="$(ls -d /usr/lib/jvm/temurin-2[1-9]*/bin/java 2>/dev/null | tail -1 || true)"
if [[ -z "$java25" ]]; then
  echo "jdk-compat: no JDK 21+ under /usr/lib/jvm; skipped"
  exit 0
fi
out="$(mktemp)"
SGEO_JAVA="$java25" "$root/bin/sgeo" bench --suite optim --tensor-size 1000 --repeats 2 > "$out" 2>&1 \
  || { cat "$out" >&2; echo "jdk-compat: sgeo bench failed under $java25" >&2; exit 1; }
grep -q "the fused mirror-descent step needs the Vector API of Java 17 or 18" "$out" \
  || { cat "$out" >&2; echo "jdk-compat: no fallback message under $java25" >&2; exit 1; }
rows=$(grep -c "^| optim .*(libtorch ops)" "$out" || true)
(( rows == 12 )) || { cat "$out" >&2; echo "jdk-compat: expected 12 libtorch-ops rows, found $rows" >&2; exit 1; }
echo "jdk-compat: $java25 falls back to libtorch ops with one message ($rows bench rows)"
