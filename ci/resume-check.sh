#!/usr/bin/env bash
# -resume after a crash: starts the smoke reproduction in a fresh temporary launch folder (absolute
# paths to the workflow and params file, nothing else: the params file names its linreg file
# relative to itself), SIGKILLs the whole
# process group (launcher, Nextflow, running tasks) once a few tasks have finished, resumes with
# -resume, and checks that finished tasks were reused and that the science outputs are identical,
# byte for byte, to those of the uninterrupted run in REFERENCE_OUTDIR.
#   ci/resume-check.sh REFERENCE_OUTDIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="$(cd "$1" && pwd)"
launch="$(mktemp -d "${TMPDIR:-/tmp}/sgeo-resume-check.XXXXXX")"
cd "$launch"
echo "resume-check: launch folder $launch"
run=("$root/bin/sgeo" run "$root/workflows/main.nf" -params-file "$root/params/smoke.yaml" --outdir out)
setsid "${run[@]}" > first.log 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  done_tasks=0
  [[ -d work ]] && done_tasks=$(find work -name .exitcode | wc -l)
  (( done_tasks >= 3 )) && break
  kill -0 "$pid" 2>/dev/null || { echo "resume-check: the run ended before it could be killed" >&2; cat first.log >&2; exit 1; }
  sleep 1
done
kill -KILL -- "-$pid"
wait "$pid" 2>/dev/null || true
echo "resume-check: killed the run (SIGKILL) after $done_tasks finished tasks"
"${run[@]}" -resume > resumed.log 2>&1 || { cat resumed.log >&2; exit 1; }
cached=$(grep -c 'Cached process' resumed.log || true)
(( cached >= 1 )) || { echo "resume-check: -resume reused no task" >&2; cat resumed.log >&2; exit 1; }
status=0
while IFS= read -r f; do
  if ! cmp -s "$ref/$f" "out/$f"; then
    echo "resume-check: $f differs from the uninterrupted run" >&2
    status=1
  fi
done < <(cd "$ref" && find . \( -name scores.csv -o -name identification.json -o -name linreg.csv -o -name '*.npz' \) | sort)
(( status == 0 )) && echo "resume-check: $cached tasks reused; science outputs identical to the uninterrupted run"
exit $status
