"""Smoke Table 1 (classifier A, F-MNIST), one process against two under torchrun (gloo), on this machine.

Prints, measured side by side in one run, each from an empty cache:
- the wall time of one process using every core, and of two ranks taking half the cores each;
- whether the two ranks craft the same adversarial sets as one process, bit for bit, given the same classifier
  (a third run starts from a cache holding only the one-process classifier);
- how far the table's cells move between one process and two ranks, beside how far they move between two seeds of
  one process (training with dropout draws other noise under two ranks: another sample of the same recipe).

With `--train`, instead: the quick recipe's classifier A (F-MNIST, 20,000 images, 4 epochs), trained from an empty
cache by one process and by two ranks, side by side -- where the fixed costs of a second process (interpreter, process
group, start-up) weigh less than at smoke size.

Usage: python scripts/ddp_compare.py [--keep DIR] [--train]"""
import argparse, csv, os, shutil, subprocess, sys, tempfile, time
from pathlib import Path
import torch

def launch(args:list, cache:Path, nproc:int, tag:str) -> tuple[str, float]:
    "Run `defense-vae ARGS` with cache `cache` (under torchrun if `nproc` > 1, cores split over the ranks); its stdout and seconds."
    cmd = ['defense-vae', *args]
    if nproc > 1: cmd = [sys.executable, '-m', 'torch.distributed.run', '--standalone', f'--nproc_per_node={nproc}', '--no-python', *cmd]
    env = {**os.environ, 'DEFENSE_VAE_CACHE': str(cache), 'DEFENSE_VAE_QUIET': '1', 'OMP_NUM_THREADS': str(os.cpu_count() // nproc)}
    t0 = time.time()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode: sys.exit(f"{tag} failed:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    return r.stdout, time.time() - t0

def reproduce(root:Path, tag:str, nproc:int, seed:int=0, seed_cache:Path|None=None) -> dict:
    "Run smoke Table 1 in a fresh cache `root/tag`; its seconds, cells and cache folder."
    cache, out = root/tag/'cache', root/tag/'out'
    if seed_cache is not None: shutil.copytree(seed_cache/'classifiers', cache/'classifiers')
    _, seconds = launch(['reproduce', 'table1', '--profile', 'smoke', '--models', 'A', '--seed', str(seed), '--out', str(out)],
                        cache, nproc, tag)
    with open(out/'table1.csv', newline='') as f: rows = list(csv.DictReader(f))
    cells = {(r['attack'], c): float(v) for r in rows for c, v in r.items() if c not in ('attack', 'model') and not c.startswith('paper_') and v}
    return dict(seconds=seconds, cells=cells, cache=cache)

def train(root:Path, tag:str, nproc:int) -> dict:
    "Train the quick classifier A in a fresh cache `root/tag`; its seconds and the test accuracy line it prints."
    stdout, seconds = launch(['train', '--dataset', 'fmnist', '--model', 'A', '--epochs', '4', '--n-train', '20000'], root/tag/'cache', nproc, tag)
    rows = [l.strip('| ').split(' | ') for l in stdout.splitlines() if l.startswith('| ') and not l.startswith('| data set')]
    return dict(seconds=seconds, acc=f"test accuracy {rows[-1][2]} %" if rows else stdout.strip()[-200:])

def _equal(x, y) -> bool:
    if isinstance(x, torch.Tensor): return torch.equal(x, y)
    if isinstance(x, dict): return x.keys() == y.keys() and all(_equal(x[k], y[k]) for k in x)
    if isinstance(x, (list, tuple)): return len(x) == len(y) and all(map(_equal, x, y))
    return x == y

def same_sets(a:Path, b:Path, kind:str) -> tuple[int, int]:
    "(entries of `kind` in both caches under the same key, how many hold equal arrays bit for bit: every .pt and .npy file)."
    import numpy as np
    load = lambda p: torch.load(p, map_location='cpu', weights_only=True) if p.suffix == '.pt' else torch.from_numpy(np.load(p))
    common = sorted({p.name for p in (a/kind).glob('*')} & {p.name for p in (b/kind).glob('*')}) if (b/kind).exists() else []
    same = 0
    for name in common:
        files = sorted(p.relative_to(a/kind/name) for p in (a/kind/name).rglob('*') if p.suffix in ('.pt', '.npy'))
        same += all((b/kind/name/f).exists() and _equal(load(a/kind/name/f), load(b/kind/name/f)) for f in files)
    return len(common), same

def moved(x:dict, y:dict) -> str:
    d = [abs(x[k] - y[k]) for k in x if k in y]
    return f"mean {sum(d) / len(d):.1f}, largest {max(d):.1f} points over {len(d)} cells"

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--keep', default=None, help='keep the runs in this folder')
    ap.add_argument('--train', action='store_true', help="time the quick classifier's training instead of smoke Table 1")
    args = ap.parse_args()
    root = Path(args.keep or tempfile.mkdtemp(prefix='ddp-compare-'))
    if args.train:
        one, two = train(root, 'train-one', 1), train(root, 'train-two', 2)
        print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}")
        print(f"| run (quick classifier A, F-MNIST, 20,000 images x 4 epochs, empty cache) | wall s | vs one process | printed |\n|---|---|---|---|")
        print(f"| one process, {os.cpu_count()} threads | {one['seconds']:.0f} | 1.00 | {one['acc']} |")
        print(f"| torchrun, 2 ranks x {os.cpu_count() // 2} thread(s) | {two['seconds']:.0f} | {one['seconds'] / two['seconds']:.2f}x | {two['acc']} |")
        sys.exit()
    one = reproduce(root, 'one', 1)
    two = reproduce(root, 'two', 2)
    same = reproduce(root, 'two-same-classifier', 2, seed_cache=one['cache'])
    seed1 = reproduce(root, 'one-seed1', 1, seed=1)
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}")
    print(f"| run (smoke Table 1, A, F-MNIST, empty cache) | wall s | vs one process |\n|---|---|---|")
    print(f"| one process, {os.cpu_count()} threads | {one['seconds']:.0f} | 1.00 |")
    print(f"| torchrun, 2 ranks x {os.cpu_count() // 2} thread(s) | {two['seconds']:.0f} | {one['seconds'] / two['seconds']:.2f}x |")
    for kind in ('adversarial', 'pairs'):
        n, k = same_sets(one['cache'], same['cache'], kind)
        print(f"crafted {kind} sets on the same classifier, 2 ranks vs 1 process: {k} of {n} identical bit for bit")
    print(f"table cells, 2 ranks vs 1 process (seed 0): {moved(one['cells'], two['cells'])}")
    print(f"table cells, 2 ranks vs 1 process, same classifier: {moved(one['cells'], same['cells'])}")
    print(f"table cells, 1 process seed 1 vs seed 0: {moved(one['cells'], seed1['cells'])}")
