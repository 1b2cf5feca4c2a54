#!/usr/bin/env bash
# Identification under both learning-rate rules of finetune-per-map (docs/paper-results.md):
# pretrain each architecture once, fine-tune every (rule, potential, seed) with the real stages,
# snapshot before/after (classifier excluded, as the paper), score pooled in the five candidates,
# then print the table rule x architecture x potential. Wall time of every stage goes to times.tsv;
# finished steps are skipped when the script is run again.
#   usage: docs/lr-rule-table.sh OUT_DIR [SEEDS] [ARCHS] [RULES]
#   e.g.   nice -n 10 docs/lr-rule-table.sh /tmp/rules "1 2 3" "mlp-16 mlp-256 cnn" > /tmp/rules.log 2>&1 &
# SGEO (default bin/sgeo) may point to another launcher (e.g. a frozen copy of the jar);
# FINETUNE_OPTS replaces the fine-tuning budget (default: 30 epochs, one retry with 30 more).
set -euo pipefail
out="${1:?usage: lr-rule-table.sh OUT_DIR [SEEDS] [ARCHS] [RULES]}"
seeds="${2:-1 2 3}"
archs="${3:-mlp-16 mlp-256 cnn}"
rules="${4:-lowest-loss smallest-fitting}"
sgeo="${SGEO:-bin/sgeo}"
read -r -a finetune_opts <<< "${FINETUNE_OPTS:---epochs 30 --extra-epochs 30 --max-attempts 2}"
potentials="2-norm 3-norm negative_entropy"
source "$(dirname "${BASH_SOURCE[0]}")/timed.sh"

grid() { # half-decade grids around the rates each potential needs (negative entropy: docs/science.md, Traps)
  if [[ "$1" == negative_entropy ]]; then echo "1e-1,3e-1,1,3,10"; else echo "1e-3,3e-3,1e-2,3e-2,1e-1"; fi
}

for arch in $archs; do
  pre="$out/pre/$arch"
  if [[ ! -f "$pre/weights.npz" ]]; then
    timed pretrain-load "$arch" "$sgeo" pretrain-load --arch "$arch" --lr 0.05 --epochs 1 --seed 0 \
      --train-limit 20000 --out "$pre"
    timed snapshot "$arch-init" "$sgeo" snapshot --checkpoint "$pre" --out "$pre/weights.npz" --exclude-classifier
  fi
  for rule in $rules; do
    for seed in $seeds; do
      for pot in $potentials; do
        id="${rule//:/-}-$arch-$pot-s$seed"
        ft="$out/ft/$id"
        if [[ ! -f "$ft/train.json" ]]; then
          timed finetune-per-map "$id" "$sgeo" finetune-per-map --checkpoint "$pre" --potential "$pot" \
            --seed "$seed" --lr-grid "$(grid "$pot")" --lr-rule "$rule" "${finetune_opts[@]}" --out "$ft"
        fi
        if [[ -f "$ft/model.json" && ! -f "$ft/weights.npz" ]]; then
          timed snapshot "$id" "$sgeo" snapshot --checkpoint "$ft" --out "$ft/weights.npz" --exclude-classifier
        fi
      done
    done
  done
done

manifest="$out/manifest.csv"
echo "run_id,init,final,trained_potential,architecture,seed" > "$manifest"
for ft in "$out"/ft/*/; do
  id=$(basename "$ft")
  [[ -f "$ft/weights.npz" ]] || continue
  arch=$(jq -r .architecture "$ft/train.json"); pot=$(jq -r .potential "$ft/train.json"); seed=$(jq -r .seed "$ft/train.json")
  echo "$id,pre/$arch/weights.npz,ft/$id/weights.npz,$pot,$arch,$seed" >> "$manifest"
done
timed score all "$sgeo" score --manifest "$manifest" --out "$out/scores" --scan-p none --scan-beta none \
  --bootstrap 0 --scopes pooled

# The table: per rule x architecture x potential, runs identified (lowest pooled dCDF) / runs, the argmin
# of the mean dCDF over seeds (the paper's criterion), the own-geometry dCDF mean, 100%-reached counts,
# the mean relative change of the largest-moving layer, and the mean fine-tuning wall time.
python3 - "$out" <<'PY'
import csv, json, sys, collections, statistics, os
out = sys.argv[1]
scores = collections.defaultdict(dict)
with open(f"{out}/scores/scores.csv") as f:
    for r in csv.DictReader(f):
        if r["scope"] == "pooled" and r["role"] == "candidate":
            scores[r["run_id"]][r["candidate"]] = float(r["delta_cdf"])
walls = {}
with open(f"{out}/times.tsv") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["stage"] == "finetune-per-map":
            walls[r["name"]] = float(r["seconds"])
cells = collections.defaultdict(list)
for run_id in sorted(os.listdir(f"{out}/ft")):
    t = json.load(open(f"{out}/ft/{run_id}/train.json"))
    cells[(t["lr_rule"], t["architecture"], t["potential"])].append((run_id, t))
print("| rule | architecture | trained | identified / runs | argmin of mean ΔCDF | own ΔCDF mean | 100% reached | chosen lr | max relative change (mean) | wall s (mean) |")
print("|---|---|---|---:|---|---:|---:|---|---:|---:|")
for (rule, arch, pot), runs in sorted(cells.items()):
    scored = [(i, t) for i, t in runs if i in scores]
    hits = sum(1 for i, _ in scored if min(scores[i], key=scores[i].get) == pot)
    cands = scores[scored[0][0]].keys() if scored else []
    mean = {c: statistics.mean(scores[i][c] for i, _ in scored) for c in cands}
    argmin = min(mean, key=mean.get) if mean else "-"
    own = f"{mean[pot]:.3f}" if pot in mean else "-"
    reached = sum(1 for _, t in runs if t["reached100"])
    lrs = ",".join(f"{t['chosen_lr']:g}" if t["chosen_lr"] is not None else "-" for _, t in runs)
    change = [max(t["relative_change"].values()) for _, t in runs if t["relative_change"]]
    ch = f"{statistics.mean(change):.3f}" if change else "-"
    wall = [walls[i] for i, _ in runs if i in walls]
    w = f"{statistics.mean(wall):.0f}" if wall else "-"
    print(f"| {rule} | {arch} | {pot} | {hits}/{len(scored)} | {argmin} | {own} | {reached}/{len(runs)} | {lrs} | {ch} | {w} |")
PY
