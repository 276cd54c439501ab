#!/usr/bin/env bash
# Fill .gpu (git-ignored) with what scripts/gpu_paper.sh needs on a bare, offline GPU machine that has PyTorch,
# torchvision, numpy, matplotlib, seaborn, tqdm and safetensors: wheels of fastcore, pyautoattack (without its 44 MB
# example model, which nothing here uses) and this package, and the MNIST and Fashion-MNIST files. About 45 MB; the
# device tool carries at most 64 MiB with the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DEFENSE_VAE_DATA:-../shared/data}
rm -rf .gpu && mkdir -p .gpu/wheels .gpu/data /tmp/gpu-prep
python3 -m pip download -q --no-deps -d /tmp/gpu-prep "fastcore>=1.8" "pyautoattack>=0.2"
cp /tmp/gpu-prep/fastcore-*.whl .gpu/wheels/
python3 - /tmp/gpu-prep/pyautoattack-*.whl .gpu/wheels <<'PY'
import sys, zipfile, pathlib
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])/pathlib.Path(sys.argv[1]).name
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        if '/examples/' in item.filename: continue
        data = zi.read(item)
        if item.filename.endswith('.dist-info/RECORD'):
            data = b'\n'.join(l for l in data.split(b'\n') if b'/examples/' not in l)
        zo.writestr(item, data)
PY
python3 -m pip wheel -q --no-deps --no-build-isolation -w .gpu/wheels .
for d in MNIST FashionMNIST; do mkdir -p .gpu/data/$d/raw && cp "$DATA"/$d/raw/*.gz .gpu/data/$d/raw/; done
du -sh .gpu .gpu/wheels .gpu/data
