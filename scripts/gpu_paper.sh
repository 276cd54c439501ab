#!/usr/bin/env bash
# The prepared GPU run: as much of the `paper` profile as fits in one device call (scripts/gpu_paper.py says what).
#
# Here, once:      bash scripts/gpu_prep.sh          (fills the ignored folder .gpu: wheels and the MNIST/F-MNIST files)
# On the GPU:      bash scripts/gpu_paper.sh          (the device tool: carry [".gpu"], timeout_s 600; results in $OUT)
# Dry run here:    OUT=/tmp/gpu-dry bash scripts/gpu_paper.sh --profile smoke --device cpu --budget 240
#
# It installs the carried wheels into /tmp/site (a bare machine has PyTorch but not fastcore, pyautoattack or this
# package), reads the data from .gpu/data and keeps its cache in /tmp, so nothing on the machine is changed.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-runs/gpu}; mkdir -p "$OUT"
[ -d .gpu/wheels ] && [ -d .gpu/data ] || { echo "no .gpu folder: run 'bash scripts/gpu_prep.sh' first (and carry .gpu)" >&2; exit 2; }
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .gpu/wheels/*.whl || exit 1
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1 DEFENSE_VAE_DATA="$PWD/.gpu/data" DEFENSE_VAE_CACHE=/tmp/defense-vae-cache DEFENSE_VAE_QUIET=1
python3 -c "import defense_vae, sys; print('defense_vae from', defense_vae.__file__, file=sys.stderr)"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || true
python3 scripts/gpu_paper.py --out "$OUT" "$@" 2>&1 | tee "$OUT/log.txt"
