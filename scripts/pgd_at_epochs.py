"""PGD adversarial training of classifier A, epoch by epoch: after every epoch the clean and PGD-20 accuracy on the first
`--check` test images and a snapshot of the weights, so a collapse of robustness (catastrophic overfitting) shows where
it happens; optionally AutoAttack (`standard`) on a snapshot.

It trains `train_pgd_at` directly, without the best-epoch check the `robustness` target adds, on all of the data set's
training images, from the profile's classifier A (from the cache, built first if it is not there), at eps 0.3 on MNIST
and 0.1 on F-MNIST. Snapshots go to `--out`; nothing is cached. This is how `35_adv_training_exp` chose 5 PGD steps for
`quick` (3 steps collapse in the fourth epoch on MNIST).

Usage: python scripts/pgd_at_epochs.py --steps 5 [--epochs 5] [--dataset mnist] [--check 200] [--out runs/pgd-at-epochs]
       python scripts/pgd_at_epochs.py --autoattack runs/pgd-at-epochs/mnist-steps5-e5.pt [--n 200]"""
import argparse, copy, time
from pathlib import Path
import torch
from defense_vae.core import accuracy, device_description, get_device
from defense_vae.pipeline import Run
from defense_vae.data import load_images
from defense_vae.adv_training import train_pgd_at, pgd_train_spec, _robust_acc
from defense_vae.adv_training_exp import at_eps
from defense_vae.autoattack import autoattack

def train(run:Run, a):
    "Train with PGD-`a.steps`, printing the check after each epoch and saving a snapshot."
    m, eps = copy.deepcopy(run.classifier('A')), at_eps(run.dataset)
    x, y = run.test_images(); x, y = x[:a.check], y[:a.check]
    check, out, t0 = pgd_train_spec(eps, steps=20), Path(a.out), time.time()
    out.mkdir(parents=True, exist_ok=True)
    def on_epoch_end(epoch, loss):
        clean, robust = accuracy(m, x, y, device=run.device), _robust_acc(m, x, y, check, run.device)
        torch.save(m.state_dict(), out/f"{run.dataset}-steps{a.steps}-e{epoch + 1}.pt")
        print(f"epoch {epoch + 1}: training loss {loss:.3f}, clean {clean:.1f} %, PGD-20 {robust:.1f} % "
              f"({time.time() - t0:.0f} s)", flush=True)
    train_pgd_at(m, load_images(run.dataset, 'train', n=None, seed=run.seed), eps=eps, steps=a.steps, epochs=a.epochs,
                 bs=50, lr=1e-3, seed=run.seed, amp=run.amp, device=run.device, on_epoch_end=on_epoch_end)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--steps', type=int, default=5); ap.add_argument('--epochs', type=int, default=5)
    ap.add_argument('--dataset', default='mnist'); ap.add_argument('--check', type=int, default=200)
    ap.add_argument('--out', default='runs/pgd-at-epochs'); ap.add_argument('--profile', default='quick')
    ap.add_argument('--autoattack', default=None, help='a snapshot to attack instead of training')
    ap.add_argument('--n', type=int, default=200); ap.add_argument('--device', default='auto')
    a = ap.parse_args()
    run = Run(dataset=a.dataset, profile=a.profile, device=a.device, log=None)
    print(f"device: {device_description(get_device(a.device))}")
    if a.autoattack is None: return train(run, a)
    m = copy.deepcopy(run.classifier('A')); m.load_state_dict(torch.load(a.autoattack, weights_only=True))
    x, y = run.test_images(); x, y = x[:a.n], y[:a.n]
    t0 = time.time()
    _, res = autoattack(m, x, y, at_eps(run.dataset), version='standard', bs=250, seed=run.seed, device=run.device)
    print(f"{a.autoattack}: clean {res.clean:.1f} %, AutoAttack {res.robust:.1f} % on the first {a.n} test images, after each "
          f"attack {res.after}, flags {res.flags or 'none'} ({time.time() - t0:.0f} s)")

if __name__ == '__main__': main()
