#!/usr/bin/env bash
# The closing table of the deep-network stages (issue #3): pretrain, fine-tune each potential and
# seed with the paper's protocol, snapshot before/after (final classifier excluded, as the paper),
# score in the five candidate geometries. Wall time of every stage goes to times.tsv.
#   usage: docs/deep-table.sh OUT_DIR [SEEDS] [ARCHS]      e.g. docs/deep-table.sh /tmp/deep-table "1 2 3"
# SGEO (default bin/sgeo) may point to another launcher, e.g. a frozen copy of the jar;
# PRETRAIN_OPTS adds pretraining options (e.g. "--train-limit 20000" on a busy machine).
set -euo pipefail
out="${1:?usage: deep-table.sh OUT_DIR [SEEDS] [ARCHS]}"
seeds="${2:-1 2 3}"
archs="${3:-mlp-16 rnn-100 cnn mlp-1024x2}"
sgeo="${SGEO:-bin/sgeo}"
read -r -a pretrain_opts <<< "${PRETRAIN_OPTS:-}"
potentials="2-norm 3-norm negative_entropy"
source "$(dirname "${BASH_SOURCE[0]}")/timed.sh"

pretrained() { # the pretrained checkpoint of ARCH for POTENTIAL (the RNN is pretrained with its potential)
  if [[ "$1" == rnn-* ]]; then echo "$out/pre/$1-$2"; else echo "$out/pre/$1"; fi
}

grid() { # negative entropy needs larger rates (science.md §5): extend the grid upward for it
  if [[ "$1" == negative_entropy ]]; then echo "1e-3,1e-2,1e-1,1,10"; else echo "1e-5,1e-4,1e-3,1e-2,1e-1"; fi
}

for arch in $archs; do
  for pot in $potentials; do
    dir=$(pretrained "$arch" "$pot")
    [[ -f "$dir/model.json" ]] && continue
    if [[ "$arch" == rnn-* ]]; then
      lr=0.01; [[ "$pot" == negative_entropy ]] && lr=0.1
      timed pretrain-load "$arch-$pot" "$sgeo" pretrain-load --arch "$arch" --potential "$pot" --lr "$lr" \
        --epochs 1 --seed 0 "${pretrain_opts[@]}" --out "$dir"
    else
      timed pretrain-load "$arch" "$sgeo" pretrain-load --arch "$arch" --lr 0.05 --epochs 1 --seed 0 \
        "${pretrain_opts[@]}" --out "$dir"
    fi
    timed snapshot "$arch-init-$pot" "$sgeo" snapshot --checkpoint "$dir" --out "$dir/weights.npz" --exclude-classifier
  done
done

manifest="$out/manifest.csv"
echo "run_id,init,final,trained_potential,architecture,seed" > "$manifest"
for seed in $seeds; do
  for arch in $archs; do
    for pot in $potentials; do
      id="$arch-$pot-s$seed"
      ft="$out/ft/$id"
      pre=$(pretrained "$arch" "$pot")
      if [[ ! -f "$ft/train.json" ]]; then
        timed finetune-per-map "$id" "$sgeo" finetune-per-map --checkpoint "$pre" --potential "$pot" \
          --seed "$seed" --lr-grid "$(grid "$pot")" --out "$ft"
      fi
      if [[ -f "$ft/model.json" && ! -f "$ft/weights.npz" ]]; then
        timed snapshot "$id" "$sgeo" snapshot --checkpoint "$ft" --out "$ft/weights.npz" --exclude-classifier
      fi
      if [[ -f "$ft/weights.npz" ]]; then
        echo "$id,${pre#"$out"/}/weights.npz,ft/$id/weights.npz,$pot,$arch,$seed" >> "$manifest"
      fi
    done
  done
done
timed score all "$sgeo" score --manifest "$manifest" --out "$out/scores" --scan-p none --scan-beta none \
  --bootstrap 0 --scopes pooled,standardized,layers
