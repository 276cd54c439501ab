"""Peak memory of the `paper` profile's two big stages on this machine, measured at small sizes and extrapolated.

Each size runs in a fresh process, in a temporary cache:
- the FGSM-family pair set (8 specs) of the paper profile on n MNIST training images, in its chunks of 1,000;
- one pass of shuffled batches of 16 over those pairs (the VAE's data path: memory-mapped float16 chunks), then 300
  steps of the paper's VAE on them;
- the in-memory subset that REC and E2E train on (`pair_subset`), n pairs.
It prints the peak resident memory (RSS, and its anonymous part: file pages of the memory-mapped pairs count in RSS
but are the kernel's page cache, given back under pressure), the pairs' disk size, and the paper-size extrapolation.

Usage: python scripts/memory_estimate.py"""
import json, os, resource, subprocess, sys, tempfile, time

def _anon_kb() -> int:
    with open('/proc/self/status') as f: return next(int(l.split()[1]) for l in f if l.startswith('RssAnon'))

def stage(n:int) -> dict:
    import torch
    from torch.utils.data import TensorDataset
    from defense_vae.core import batch_indices, get_device
    from defense_vae.data import load_images
    from defense_vae.attacks import make_pair_set, paper_pair_specs
    from defense_vae.models import Classifier, DefenseVAE
    from defense_vae.defense_vae import train_defense_vae
    from defense_vae.pipeline import pair_subset
    peak_anon = [_anon_kb()]
    x, y = load_images('mnist', 'train', n=n, seed=1).tensors
    torch.manual_seed(0); clf = Classifier('A').eval()
    t0 = time.time()
    ps = make_pair_set(clf, TensorDataset(x, y), paper_pair_specs(attacks=('fgsm', 'rand_fgsm')), ['mem', n], device='cpu')
    craft_s = time.time() - t0; peak_anon.append(_anon_kb())
    disk = sum(p.stat().st_size for p in ps.folder.rglob('*.npy'))
    for idx in batch_indices(len(ps), 16, True, torch.Generator().manual_seed(0)): ps[idx]
    peak_anon.append(_anon_kb())
    vae = DefenseVAE(1, 28)
    sub = TensorDataset(*ps[torch.arange(min(len(ps), 300 * 16))])
    train_defense_vae(vae, sub, epochs=1, bs=16, lr=5e-4, device='cpu')
    peak_anon.append(_anon_kb())
    mem = pair_subset(ps, n, seed=0); peak_anon.append(_anon_kb())
    return dict(n=n, pairs=len(ps), disk_mb=disk / 2**20, craft_s=craft_s, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                anon_mb=max(peak_anon) / 1024, subset_mb=sum(t.numel() * t.element_size() for t in mem.tensors) / 2**20)

if __name__ == '__main__':
    if len(sys.argv) > 1: print(json.dumps(stage(int(sys.argv[1])))); sys.exit()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for n in (1000, 4000):
            env = {**os.environ, 'DEFENSE_VAE_CACHE': f'{d}/cache-{n}', 'DEFENSE_VAE_QUIET': '1'}
            r = subprocess.run([sys.executable, __file__, str(n)], env=env, capture_output=True, text=True, check=True)
            rows.append(json.loads(r.stdout.strip().splitlines()[-1]))
    print("| images | pairs (8 FGSM-family specs) | disk (MB) | peak RSS (MB) | peak anonymous (MB) | REC/E2E subset in memory (MB) | crafting s |")
    print("|---|---|---|---|---|---|---|")
    for r in rows: print(f"| {r['n']:,} | {r['pairs']:,} | {r['disk_mb']:.0f} | {r['rss_mb']:.0f} | {r['anon_mb']:.0f} | {r['subset_mb']:.0f} | {r['craft_s']:.0f} |")
    a, b = rows
    per = lambda k: (b[k] - a[k]) / (b['n'] - a['n'])
    N, specs = 58_000, 12                                 # paper: pair_n 58,000, 12 specs (8 FGSM-family + 4 CW)
    disk = (b['disk_mb'] / (b['n'] * 9)) * N * (specs + 1) # per (image, spec) incl. the clean images
    print(f"\nper 1,000 more images: RSS {1000 * per('rss_mb'):+.0f} MB, anonymous {1000 * per('anon_mb'):+.0f} MB")
    print(f"paper profile, one classifier and data set (58,000 images x 12 attacks + clean): pairs on disk ~{disk / 1024:.1f} GB; "
          f"anonymous memory ~{b['anon_mb'] + per('anon_mb') * (N - b['n']):.0f} MB if it kept growing at that rate; "
          f"REC/E2E subset (60,000 pairs, float32) ~{b['subset_mb'] / b['n'] * 60_000:.0f} MB")
