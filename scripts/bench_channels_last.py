"""The attacks' input gradient with the classifier's weights contiguous against channels-last (`run_attack`'s
default): seconds measured side by side in one run, the ratios, and how far the adversarial images differ.

CW-L2 (the paper's test setting: lr 10, 100 steps) and FGSM (eps 0.3) on classifier A, in float32. The time does not
depend on the weights, so a freshly initialised classifier is timed on random images: no cache, no data needed.

Usage: python scripts/bench_channels_last.py [--n 300] [--repeats 2] [--device cpu]"""
import argparse, time, torch
from defense_vae.core import get_device, device_description
from defense_vae.models import Classifier
from defense_vae.attacks import run_attack

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=300); ap.add_argument('--repeats', type=int, default=2)
    ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    device = get_device(a.device)
    torch.manual_seed(0); model = Classifier('A')
    x = torch.rand(a.n, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    print(f"device: {device_description(device)}, torch {torch.__version__}, {torch.get_num_threads()} threads; "
          f"{a.n} images, classifier A, float32")
    for spec in ({'attack': 'cw', 'lr': 10}, {'attack': 'fgsm', 'eps': 0.3}):
        secs, images = {True: [], False: []}, {}
        for _ in range(a.repeats):                     # alternate the layouts so that neither gets a warmer machine
            for cl in (False, True):
                t0 = time.perf_counter()
                images[cl] = run_attack(model, x, spec, bs=500, device=device, desc='', channels_last=cl)
                secs[cl].append(time.perf_counter() - t0)
        best = {cl: min(s) for cl, s in secs.items()}
        print(f"{spec['attack']:>5}: contiguous {best[False]:6.2f} s, channels-last {best[True]:6.2f} s, "
              f"ratio {best[False] / best[True]:.2f}x (best of {a.repeats}); "
              f"largest pixel difference {(images[True] - images[False]).abs().max().item():.1e}")

if __name__ == '__main__': main()
