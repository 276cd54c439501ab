"""Defense-VAE (Li & Ji): purify adversarial images with a VAE before a CNN classifier sees them — a reproducible, notebook-first implementation

Modules:

- `defense_vae.attacks`: FGSM, RAND-FGSM, Carlini-Wagner L2, DeepFool and PGD (with EOT) on one batched engine, a runner, the on-disk adversarial pair sets Defense-VAE is trained on, and a benchmark against the Adversarial Robustness Toolbox."""

__version__ = "0.0.1"
