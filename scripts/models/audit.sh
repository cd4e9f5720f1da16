#!/bin/sh
# Audits the shipped saccade-digits models (fixtures/models/README.md) on the first 128 samples
# of the test split at ε 0.02, 0.05, 0.07, 0.1 (unit domain), three reports per model:
#   <m>.audit.json        FGSM, PGD-50, APGD-50 (paper ensemble) and Square (200 queries)
#   <m>.pgd10.audit.json  PGD-10 (paper ensemble)
#   <m>.wide.audit.json   PGD-10 with the wide ensemble (obfuscation check: wide vs paper)
#   <m>.events.json       event-budget attacks (10, 30, 100 events; gradient-guided and random)
#   sh scripts/models/audit.sh [MODEL_DIR] [HTML_DIR] [METHOD ...]
set -eu
DIR=${1:-fixtures/models}
HTML=${2:-/tmp/spikeguard-audit-html}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
METHODS=${*:-vanilla at sr sr+at}
DATA="--data saccade-digits --samples 128 --T 8 --eps 0.02,0.05,0.07,0.1 --no-progress --no-resume"
mkdir -p "$HTML"
for m in $METHODS; do
  run() { name=$1; shift; npx tsx src/cli/main.ts audit --model "$DIR/$m.sgck" $DATA --out "$DIR/$m$name.audit.json" --html "$HTML/$m$name.html" "$@"; rm -f "$DIR/$m$name.audit.state.json"; }
  run "" --attacks fgsm,pgd,apgd,square --gradients paper --steps 50 --step-fraction 0.05 --square-queries 200
  run .pgd10 --attacks pgd --gradients paper --steps 10
  run .wide --attacks pgd --gradients wide --steps 10
  npx tsx scripts/models/eventAttacks.ts "$DIR" "$m" 128 10,30,100
done
