"""Shared by every test file. Under pytest-xdist (`make test` runs one worker per core) each worker, and every process a
test starts (a notebook, `defense-vae`, torchrun, the docs build), gets its share of the cores: torch's default of one
thread per core in each of two workers would put twice as many threads as cores on the machine."""
import os

_workers = int(os.environ.get('PYTEST_XDIST_WORKER_COUNT', '1'))
if _workers > 1: os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // _workers)))
