"""AutoAttack (`standard`, its full budget) through one defended model of a profile, in float32 and (where the CPU or
GPU runs it natively) under bf16 autocast: seconds measured side by side in one run, the ratio, and whether the two
leave the same images correct (each adversarial set scored by the float32 model).

The model is the profile's, from the cache (built first if it is not there, which can take long): by default the
quick E2E-AT of MNIST before classifier A, at eps 0.3 -- the costliest headline row of the `robustness` target.
Nothing is cached or written.

Usage: python scripts/bench_autoattack.py [--defense e2e_at] [--dataset mnist] [--eps 0.3] [--n 20] [--profile quick]"""
import argparse, time, torch
from torch import nn
from defense_vae.core import get_device, bf16_is_fast, device_description, autocast
from defense_vae.pipeline import Run, get_defense
from defense_vae.defense_vae import Defended
from defense_vae.data import load_images
from defense_vae.autoattack import autoattack

class Bf16(nn.Module):
    "`m` under bf16 autocast, float32 logits out."
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, x):
        with autocast(x.device, True): return self.m(x).float()

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--defense', default='e2e_at'); ap.add_argument('--dataset', default='mnist')
    ap.add_argument('--eps', type=float, default=0.3); ap.add_argument('--n', type=int, default=20)
    ap.add_argument('--profile', default='quick'); ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    device = get_device(a.device)
    run = Run(dataset=a.dataset, profile=a.profile, device=a.device, log=None)
    clf = run.classifier('A')
    purifier, c = get_defense(a.defense).build(run, clf)
    exact = (c if purifier is None else Defended(purifier, c)).eval()
    x, y = load_images(a.dataset, 'test', n=a.n, seed=0).tensors
    print(f"device: {device_description(device)}, torch {torch.__version__}; AutoAttack standard through {a.defense} "
          f"({a.dataset}, profile {a.profile}, classifier A), eps {a.eps:g}, {a.n} test images (a random subset, seed 0)")
    kept, base = {}, None
    for name, m in [('float32', exact)] + [('bf16', Bf16(exact))] * bf16_is_fast(device):
        t0 = time.perf_counter()
        xa, res = autoattack(m, x, y, a.eps, version='standard', bs=a.n, seed=0, device=device)
        sec = time.perf_counter() - t0
        with torch.no_grad(): kept[name] = exact.to(device)(xa.to(device)).argmax(1).cpu() == y
        base = base or sec
        print(f"{name:8s} {sec:6.0f} s ({sec / max(1, round(res.robust * a.n / 100)):.1f} s per image left robust): "
              f"{base / sec:.2f}x float32; AutoAttack's robust accuracy {res.robust:.1f} %, the float32 model on its "
              f"images {100 * kept[name].float().mean():.1f} %, warnings: {res.flags or 'none'}")
    if len(kept) == 2:
        print(f"images scored alike (correct in both or in neither): {int((kept['float32'] == kept['bf16']).sum())} of {a.n}")

if __name__ == '__main__': main()
