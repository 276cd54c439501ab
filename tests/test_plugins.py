"""A defense from a package outside this project joins every table through the plugin entry points, with no edit here.

The toy package is written into a temporary folder with its own `*.dist-info` (the metadata pip would write), so Python's
`importlib.metadata` finds its entry point exactly as it finds an installed package's. Its defense, a JPEG-like
quantisation of the pixel values to 8 levels, has no useful gradient, so it is registered through `BPDA` (exact forward,
identity backward) and the adaptive attacker can still differentiate it."""
import os, subprocess, sys, textwrap
from pathlib import Path
import pytest

pytestmark = pytest.mark.xdist_group('plugins')    # one worker runs these (they share a module fixture)

TOY = '''
import torch
from torch import nn
from defense_vae.defense_vae import BPDA
from defense_vae.pipeline import defense

class Quantize(nn.Module):
    "Pixel values rounded to `levels` evenly spaced grey levels."
    def __init__(self, levels:int=8): super().__init__(); self.levels = levels
    def forward(self, x): return torch.round(x * (self.levels - 1)) / (self.levels - 1)

@defense('toy_jpeg', 'Toy JPEG (8 levels)', tables=('table1', 'table4', 'adaptive'))
def toy_jpeg(run, clf, **options): return BPDA(Quantize()), clf
'''

@pytest.fixture(scope='module')
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp('toy_plugin')
    (d/'toy_jpeg_plugin.py').write_text(TOY)
    info = d/'toy_jpeg_plugin-0.1.dist-info'; info.mkdir()
    (info/'METADATA').write_text('Metadata-Version: 2.1\nName: toy-jpeg-plugin\nVersion: 0.1\n')
    (info/'entry_points.txt').write_text('[defense_vae.plugins]\ntoy_jpeg = toy_jpeg_plugin\n')
    return {**os.environ, 'PYTHONPATH': os.pathsep.join([str(d), os.environ.get('PYTHONPATH', '')]), 'DEFENSE_VAE_QUIET': '1'}

def cli(env, *args, cwd=None):
    r = subprocess.run(['defense-vae', *args], env=env, capture_output=True, text=True, cwd=cwd,
                       timeout=900)
    assert r.returncode == 0, f"{args} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r.stdout

SMOKE = ['--profile', 'smoke', '--models', 'D', '--device', 'cpu']

def test_toy_defense_in_table1(env, tmp_path):
    out = cli(env, 'reproduce', 'table1', *SMOKE, '--out', str(tmp_path))
    assert '| Toy JPEG (8 levels) |' in out, out
    header = (tmp_path/'table1.csv').read_text().splitlines()[0].split(',')
    assert 'toy_jpeg' in header and 'vae' in header, header

def test_toy_defense_in_adaptive_and_evaluate(env, tmp_path):
    out = cli(env, 'reproduce', 'adaptive', *SMOKE, '--out', str(tmp_path))
    assert 'Toy JPEG (8 levels)' in out and 'through BPDA' in out, out[-3000:]
    out = cli(env, 'evaluate', '--defense', 'toy_jpeg', '--model', 'D', '--profile', 'smoke', '--n', '100', '--device', 'cpu')
    assert '| Toy JPEG (8 levels) | fgsm |' in out, out
    assert 'Toy JPEG (8 levels)' in cli(env, 'evaluate', '--help')                 # the help's list of defenses

def test_recipe_names_the_new_defense(env):
    import json
    r = json.loads(cli(env, 'recipe', 'table1', '--profile', 'smoke', '--models', 'D', '--device', 'cpu'))
    assert 'toy_jpeg' in r['runs'][0]['defenses'], r
