"""Defense-VAE (Li & Ji): purify adversarial images with a VAE before a CNN classifier sees them — a reproducible, notebook-first implementation

Modules:

- `defense_vae.adaptive`: White-box attacks against the defense itself (paper sec. 4.7, issue #11): PGD and CW-L2 through each whole pipeline (BPDA where no gradient reaches the input), a detection-aware PGD against the reconstruction-error detectors, and the sanity checks that say whether the numbers can be believed.
- `defense_vae.attacks`: FGSM, RAND-FGSM, Carlini-Wagner L2, DeepFool and PGD (with EOT) on one batched engine, a runner, the on-disk adversarial pair sets Defense-VAE is trained on, and a benchmark against the Adversarial Robustness Toolbox.
- `defense_vae.detection`: Flag adversarial images by how much a purifier changes them (paper sec. 4.6): the per-image score, ROC curves consistent with `roc_auc`, detection statistics at a threshold, and a plot of several ROC curves in one axes.
- `defense_vae.detection_exp`: Paper Figure 6 as the reproduce target `fig6`: ROC curves and AUCs of the Defense-VAE detector against FGSM at five strengths and against RAND-FGSM, CW-L2 and DeepFool, with MagNet's detector on the same images beside it."""

__version__ = "0.0.1"
