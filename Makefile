# Two commands for a fresh machine: `make demo` (install + main job) and `make test` (install + whole test suite).
PY ?= python3
PIP = $(PY) -m pip

.PHONY: install demo test readme outputs export check-sync docs serve browser gpu-prep gpu-dry

# CPU builds of torch/torchvision first, and only when no torch is installed: an unpinned `torch` would pull
# several GB of CUDA packages onto a CPU machine. A user's existing torch/torchvision pair is kept.
install:
	@$(PY) -c "import torch" 2>/dev/null || $(PIP) install "torch==2.13.0" "torchvision==0.28.0"
	$(PIP) install -e ".[dev]"

demo: install
	defense-vae demo

# one pytest-xdist worker per core, every process a test starts on its share of the cores (tests/conftest.py); the docs tests stay on one worker
test: install
	$(PY) -m pytest tests -n auto --dist loadgroup -v -rA --durations=0

# nbdev-clean, then the notebook metadata JupyterLab writes (so that opening a notebook does not mark it modified)
export:
	nbdev-export
	nbdev-clean
	$(PY) tools/lab_metadata.py

# README.md is generated from nbs/index.ipynb and its saved outputs (nbdev-readme needs Quarto, which is not available
# everywhere); its tables are read from results/ (make outputs NB=nbs/index.ipynb refreshes them first).
readme:
	$(PY) tools/readme.py

# Run notebooks as their tests do and keep their outputs for readers (NB=nbs/30_whitebox.ipynb for one; default all).
outputs:
	$(PY) tools/outputs.py $(NB)
	$(MAKE) export

# The docs site, from the notebooks, into _site/ (open _site/index.html: search works from disk too; or `make serve`).
# docs/hooks.py runs nbdev's processing (API docs from show_doc) without Quarto, and trains nothing; pages are cached
# in _mkdocs/ and remade only for notebooks that changed.
docs:
	DEFENSE_VAE_QUIET=1 NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

# The docs site at http://127.0.0.1:8000/defense-vae/ while you edit: a page is rebuilt when its notebook changes.
serve:
	DEFENSE_VAE_QUIET=1 NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

# Headless Chromium and its driver for tests/test_docs.py (Debian packages; needs root), only when missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@chromium --version && chromedriver --version

# The prepared GPU run (scripts/gpu_paper.sh): fill the ignored .gpu folder it carries, and its dry run on this CPU.
gpu-prep:
	bash scripts/gpu_prep.sh

gpu-dry: gpu-prep
	OUT=runs/gpu-dry bash scripts/gpu_paper.sh --profile smoke --device cpu --budget 240
