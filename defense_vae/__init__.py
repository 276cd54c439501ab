"""Defense-VAE (Li & Ji): purify adversarial images with a VAE before a CNN classifier sees them — a reproducible, notebook-first implementation

Modules:

- `defense_vae.adaptive`: White-box attacks against the defense itself (paper sec. 4.7): PGD and CW-L2 through each whole pipeline (BPDA where no gradient reaches the input), a detection-aware PGD against the reconstruction-error detectors, and the sanity checks that say whether the numbers can be believed.
- `defense_vae.adaptive_attacks`: The attacker who knows the defense: PGD and CW-L2 through each whole pipeline (BPDA where no gradient reaches the input, EOT where the model samples), a detection-aware PGD against the reconstruction-error detectors, the sanity checks that say whether the numbers can be believed, and the tables they fill.
- `defense_vae.adv_training`: Classifiers trained on adversarial images: on clean and FGSM images (Goodfellow et al. 2015; the defense `adv_tr`), on PGD images alone (Madry et al. 2018), with TRADES (Zhang et al. 2019), with one FGSM step from a random start (fast adversarial training, Wong et al. 2020), and Defense-VAE fine-tuned together with its classifier on PGD images crafted through the whole pipeline (end-to-end adversarial training).
- `defense_vae.adv_training_exp`: End-to-end adversarial training of Defense-VAE and its classifier (the remedy the paper proposes in sec. 4.7) against Madry's PGD training of the bare classifier at the same budget, both scored by the adaptive attacker of `34_adaptive`: target `adv-training`.
- `defense_vae.attacks`: FGSM, RAND-FGSM, Carlini-Wagner L2, DeepFool and PGD (with EOT) on one batched engine, a runner, the on-disk adversarial pair sets Defense-VAE is trained on, and a benchmark against the Adversarial Robustness Toolbox.
- `defense_vae.autoattack`: The field's standard robustness evaluation (Croce & Hein, 2020), run with its authors' own code through any images -> logits model: the accuracy left after each of its attacks, and the warnings its self-checks raise.
- `defense_vae.baselines`: The defenses the paper compared with -- MagNet, adversarial training, Defense-GAN -- registered as `magnet`, `adv_tr` and `defense_gan`, each with the budget of the run's profile, so every table measures them beside Defense-VAE.
- `defense_vae.blackbox`: Paper Table 4 (MNIST, F-MNIST) and Table 10 (CIFAR-10): FGSM crafted on a substitute model trained from the target's answers, evaluated on the target behind every registered defense.
- `defense_vae.cache`: `cached`: every trained model and computed tensor set is built once per recipe and kept on disk, keyed by a hash of the recipe.
- `defense_vae.cli`: `defense-vae`: one command with a subcommand per job. `defense-vae --help` lists them; `defense-vae CMD --help` explains one.
- `defense_vae.core`: Devices, seeds, the cache, progress bars, input checks, checkpoints and the one batched loop every trainer and attack uses.
- `defense_vae.cw_levers`: Which change to the `quick` recipe closes its gap to the paper on CW-L2, measured one lever at a time on the same classifier and test images (target `cw-levers`); and which DeepFool setting, if any, gives Table 2's recovery of a CW attack the VAE never saw (target `deepfool-settings`).
- `defense_vae.data`: MNIST, Fashion-MNIST, CIFAR-10 and CelebA, checked and read into in-memory float tensors in [0, 1].
- `defense_vae.defense_gan`: Defense-GAN (Samangouei et al. 2018) in the same harness as Defense-VAE: a WGAN-GP generator trained on clean images, and a purifier that projects each input onto the generator's range by gradient descent over z with random restarts.
- `defense_vae.defense_vae`: Train the VAE to map adversarial images to their clean originals (paper eq. 4), and purify images with it.
- `defense_vae.detection`: Flag adversarial images by how much a purifier changes them (paper sec. 4.6): the per-image score, ROC curves consistent with `roc_auc`, detection statistics at a threshold, and a plot of several ROC curves in one axes.
- `defense_vae.detection_exp`: Paper Figure 6 as the reproduce target `fig6`: ROC curves and AUCs of the Defense-VAE detector against FGSM at five strengths and against RAND-FGSM, CW-L2 and DeepFool, with MagNet's detector on the same images beside it.
- `defense_vae.gan_levers`: How well Defense-GAN defends as its WGAN-GP generator trains: each snapshot of one training run scored on the same clean and FGSM test images at a cheap projection and at the paper's (L, R) = (200, 10) (target `gan-levers`), the curve no public record gives between 1,000 and 25,000 iterations, and the budget the `quick` profile takes from it.
- `defense_vae.gan_vs_vae`: Paper Table 5 (the time to purify 1,000 F-MNIST images) and Figure 5 (what each defense makes of an adversarial image), measured on the same classifier, images, device and batch size.
- `defense_vae.magnet`: MagNet's autoencoder reformer (a purifier) and its reconstruction-error detectors (Meng & Chen 2017), trained and cached like every other artefact, used by the defense `magnet` (registered in `baselines`).
- `defense_vae.models`: The CNN classifiers A-E of paper Table 6 and the Defense-VAE network of Table 7, for any image size the paper uses.
- `defense_vae.paper`: Every number the paper prints that we compare with, and the attack settings and eps sets every experiment shares: one module, imported by all, importing nothing of ours.
- `defense_vae.pipeline`: Profiles, the run context, the cached artefacts every experiment is built from (classifiers, pair sets, VAEs, REC, E2E, adversarial test sets), and the defense registry.
- `defense_vae.rec_e2e`: Retrain the classifier on Defense-VAE reconstructions (REC), and fine-tune VAE and classifier jointly (E2E, paper eq. 5).
- `defense_vae.report`: The paper's numbers, tables with ours beside the paper's (markdown, CSV, PNG), and the registry of reproduce targets with the runner that records every run in the results store.
- `defense_vae.results`: One SQLite file in the cache that remembers every run of every target -- its configuration, versions, device, timing and status -- and every table cell it measured, beside the paper's number.
- `defense_vae.robustness`: Every registered defense attacked through the whole defended model with AutoAttack's own code and with our PGD, RobustBench-style: clean accuracy, PGD accuracy, AutoAttack accuracy and the images behind each, beside the published anchors: target `robustness`.
- `defense_vae.substitute`: Papernot et al.'s black-box attacker: a substitute classifier trained on an oracle's labels, its training set grown by Jacobian-based augmentation; seeded, cached and resumable.
- `defense_vae.training`: Train the target classifiers A-D (and substitutes) with the one generic `fit` loop; each trained classifier is kept in the artefact cache (`cache.cached`) under a key made from exactly what built it.
- `defense_vae.whitebox`: Paper Tables 1, 2, 3 and 8 (top), Figures 1 and 4, and the demo: each a registered reproduce target, with the paper's number beside ours in every cell."""

__version__ = "0.0.1"
