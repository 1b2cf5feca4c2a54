# Sourced by docs/deep-table.sh and docs/lr-rule-table.sh (after they set $out): the wall-time log
# $out/times.tsv and `timed STAGE NAME CMD...`, which runs the command with its output appended to
# $out/log.txt, prints a start line, records a failure, and appends the wall time.
mkdir -p "$out"
times="$out/times.tsv"
[[ -f "$times" ]] || printf 'stage\tname\tseconds\n' > "$times"

timed() {
  local stage="$1" name="$2"; shift 2
  local t0; t0=$(date +%s.%N)
  echo "$(date -u +%H:%M:%S) start $stage $name"
  "$@" >> "$out/log.txt" 2>&1 || echo "FAILED ($?): $stage $name" | tee -a "$out/log.txt"
  printf '%s\t%s\t%.1f\n' "$stage" "$name" "$(echo "$(date +%s.%N) - $t0" | bc)" | tee -a "$times"
}
