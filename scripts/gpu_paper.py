"""As much of the `paper` profile as fits in one short GPU call, with the time of every stage.

Run by scripts/gpu_paper.sh (which installs what a bare GPU machine lacks); `--profile smoke --device cpu` is the dry
run on a CPU. Steps, each after the last, until `--budget` seconds are spent (a step that would start past it is
skipped and says so):

1. Table 1 of classifier A on F-MNIST, Defense-VAE columns (VAE, REC, E2E) -- the baselines need more than one call:
   Defense-GAN's 200,000-iteration generator alone takes hours -- with the time of each stage (classifier, test
   attacks, FGSM-family pairs, CW pairs, VAE, REC, E2E);
2. Table 5 on this device: Defense-VAE against Defense-GAN at the paper's four (L, R), the generator at the paper's
   size but untrained (a projection's time does not depend on the weights; no accuracy is claimed for it);
3. the same Table 1 columns on MNIST (Table 8 top).

Writes into `--out` (at most 8 files, for the device tool): log.txt (by the shell script), timing.json, and
table1-fmnist / table5 / table1-mnist as CSV and markdown."""
import argparse, json, sys, time
from pathlib import Path

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--profile', default='paper'); ap.add_argument('--device', default='cuda')
    ap.add_argument('--budget', type=float, default=480., help='seconds for all steps (the device allows 600 a call)')
    ap.add_argument('--out', default='runs/gpu')
    a = ap.parse_args(argv)
    import torch
    from defense_vae.core import device_description, bf16_is_fast
    from defense_vae.paper import PAPER_T5, T5_SETTINGS
    from defense_vae.pipeline import Run, training_pairs, vae_for, rec_for, e2e_for, test_adversarials, get_defense
    from defense_vae.report import write_table
    from defense_vae.whitebox import whitebox_rows
    from defense_vae.defense_gan import Generator, DefenseGAN, time_purifier
    from defense_vae.data import load_images

    t_start, out = time.time(), Path(a.out); out.mkdir(parents=True, exist_ok=True)
    timing = dict(profile=a.profile, device=device_description(a.device), torch=torch.__version__, bf16=bf16_is_fast(a.device), steps={})
    def save(): (out/'timing.json').write_text(json.dumps(timing, indent=1))
    def log(msg): print(f"[{time.time() - t_start:7.1f} s] {msg}", flush=True)
    def step(name, fn):
        if time.time() - t_start > a.budget: log(f"{name}: skipped, the budget of {a.budget:.0f} s is spent"); return
        t0 = time.time(); log(f"{name}: start")
        fn(); timing['steps'][name] = round(time.time() - t0, 1); save(); log(f"{name}: done in {time.time() - t0:.1f} s")

    def stages(run):
        "Build each stage of the Defense-VAE columns, timing it (everything is cached, so table1 rows reuse them)."
        st = timing.setdefault('stages', {}).setdefault(run.dataset, {})
        def timed(name, f):
            t0 = time.time(); r = f(); st[name] = round(time.time() - t0, 1); save(); log(f"  {run.dataset} {name}: {st[name]} s"); return r
        clf = timed('classifier', lambda: run.classifier('A'))
        timed('test attacks', lambda: test_adversarials(run, clf))
        pairs = timed('pairs (FGSM family + CW)', lambda: training_pairs(run, clf))
        st['pairs'] = len(pairs)
        vae = timed('VAE', lambda: vae_for(run, clf, pairs))
        rec = timed('REC', lambda: rec_for(run, clf, vae, pairs))
        timed('E2E', lambda: e2e_for(run, clf, vae, rec, pairs))

    def table1(dataset):
        def go():
            run = Run(dataset=dataset, profile=a.profile, device=a.device, log=log)
            stages(run)
            cols = ['vae', 'rec', 'e2e']
            rows = whitebox_rows(run, 'A', defenses=cols)
            title = (f"Table 1 ({dataset}), classifier A, Defense-VAE columns, profile {run.profile.name}, {timing['device']}; "
                     "attacks crafted on the bare classifier")
            write_table(out, f'table1-{dataset}', rows, ['attack', 'model'], ['no_attack', 'no_defense', *cols], title, plot=False)
        return go

    def table5():
        run = Run(dataset='fmnist', profile=a.profile, device=a.device, log=log)
        clf = run.classifier('A')
        vae, _ = get_defense('vae').build(run, clf)
        n = min(1000, run.profile.timing.n); gan_n = min(n, 200 if run.device.type == 'cuda' else 2)
        x, y = load_images('fmnist', 'test', n=n, seed=run.seed).tensors
        xa = run.attack(clf, x, {'attack': 'fgsm', 'eps': 0.3}, y)
        vae_s = min(time_purifier(vae, xa, 100, run.device)[0] for _ in range(3)) * 1000 / n
        rows = [dict(defense='Defense-VAE', seconds=vae_s, ratio=1., paper_seconds=PAPER_T5['vae'], paper_ratio=1.)]
        G = Generator(1, 28)
        for L, R in T5_SETTINGS:
            if time.time() - t_start > a.budget: log(f"table5: Defense-GAN L={L}, R={R} skipped, budget spent"); break
            t, _ = time_purifier(DefenseGAN(G, L=L, R=R), xa[:gan_n], 100, run.device)
            s = t * 1000 / gan_n
            rows.append(dict(defense=f'Defense-GAN L={L}, R={R}', seconds=s, ratio=s / vae_s, paper_seconds=PAPER_T5[L, R],
                             paper_ratio=PAPER_T5[L, R] / PAPER_T5['vae']))
        title = (f"Table 5 on {timing['device']}: seconds to purify 1,000 FGSM F-MNIST images in float32, batches of 100 "
                 f"(Defense-VAE timed on {n}, Defense-GAN on {gan_n} with an untrained generator of the paper's size, scaled to 1,000)")
        write_table(out, 'table5', rows, ['defense'], ['seconds', 'ratio'], title, average=False, plot=False)

    log(f"{timing['device']}, torch {torch.__version__}, profile {a.profile}, budget {a.budget:.0f} s")
    step('table1-fmnist', table1('fmnist'))
    step('table5', table5)
    step('table1-mnist', table1('mnist'))
    timing['total_s'] = round(time.time() - t_start, 1); save()
    log(f"finished in {timing['total_s']} s; files in {out}: {', '.join(sorted(p.name for p in out.iterdir()))}")

if __name__ == '__main__': sys.exit(main())
