#!/bin/sh
# Trains the four shipped saccade-digits models (fixtures/models/README.md): the same network,
# data, seed, epochs and learning rate; only the method differs. ~25 min (vanilla) to ~1.5 h
# (sr+at) each on one core of a 2-core machine.
#   sh scripts/models/train.sh [OUT_DIR] [METHOD ...]     (default: fixtures/models, all four)
set -eu
OUT=${1:-fixtures/models}
[ $# -gt 0 ] && shift
METHODS=${*:-vanilla at sr sr+at}
COMMON="--data saccade-digits --arch csnn-nmnist --T 8 --epochs 15 --batch 32 --lr 4e-3 --seed 1 --no-progress"
AT="--at-attack pgd --at-eps 0.07 --at-steps 3"
SR="--lambda 0.01 --h 0.01"
mkdir -p "$OUT"
for m in $METHODS; do
  case $m in
    vanilla) extra="" ;;
    at) extra="$AT" ;;
    sr) extra="$SR" ;;
    sr+at) extra="$SR $AT" ;;
    *) echo "unknown method $m" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  npx tsx src/cli/main.ts train $COMMON --method "$m" $extra --out "$OUT/$m.sgck"
  rm -f "$OUT/$m.sgck.resume"
done
