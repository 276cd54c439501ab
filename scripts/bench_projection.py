"""Defense-GAN's projection step, eager against `torch.compile`, in float32 and (where the CPU or GPU runs it natively)
bf16 autocast: seconds measured side by side in one run, and the ratios.

The step is `gan_reconstruct`'s: z -> G(z) -> per-image squared error -> gradient with respect to z, then the momentum
update. The time does not depend on the generator's weights, so a freshly initialised generator of the paper's size
(latent 128, width 64, MNIST 28x28) is timed on random images: no cache, no data needed.

Usage: python scripts/bench_projection.py [--n 100] [--L 50] [--R 2] [--device cpu]"""
import argparse, time, torch
from defense_vae.core import get_device, bf16_is_fast, device_description
from defense_vae.defense_gan import Generator, reference_init_

def project(G, x, L, R, step, amp, device):
    "L momentum steps on z from R seeded starts per image (the projection's loop), `step` giving dloss/dz."
    g = torch.Generator().manual_seed(0)
    z = (torch.randn(len(x) * R, G.latent, generator=g) * G.latent ** -0.5).to(device)
    t, v = x.repeat_interleave(R, 0).to(device), torch.zeros(len(x) * R, G.latent, device=device)
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
        for _ in range(L):
            v = 0.7 * v + step(z, t); z = z - 10 * v
    if device.type == 'cuda': torch.cuda.synchronize()
    return z

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=100); ap.add_argument('--L', type=int, default=50)
    ap.add_argument('--R', type=int, default=2); ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    device = get_device(a.device)
    torch.manual_seed(0); G = reference_init_(Generator()).to(device).eval().requires_grad_(False)
    x = torch.rand(a.n, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    def eager(z, t):
        z = z.detach().requires_grad_(True)
        return torch.autograd.grad((G(z) - t).pow(2).flatten(1).mean(1).sum(), z)[0]
    compiled = torch.compile(torch.func.grad(lambda z, t: (G(z) - t).pow(2).flatten(1).mean(1).sum()))
    print(f"device: {device_description(device)}, torch {torch.__version__}; {a.n} images x L={a.L} x R={a.R}")
    base = None
    for amp in [False] + [True] * bf16_is_fast(device):
        for name, step in (('eager', eager), ('torch.compile', compiled)):
            t0 = time.perf_counter(); project(G, x, a.L, a.R, step, amp, device); first = time.perf_counter() - t0
            t0 = time.perf_counter(); project(G, x, a.L, a.R, step, amp, device); sec = time.perf_counter() - t0
            base = base or sec
            print(f"{name:14s} {'bf16' if amp else 'float32':8s} first call {first:6.1f} s, then {sec:6.2f} s: "
                  f"{base / sec:.2f}x eager float32")

if __name__ == '__main__': main()
