"""Every notebook in nbs/ is a test: its cells run through nbdev's notebook runner (as `nbdev-test` does),
one pytest case per notebook, so the count of tests is visible. `make test` runs them on two pytest-xdist workers
sharing one cache (an entry is built under a file lock: a second worker waits for the first and loads its result).
Plus checks that the package and the README are what the notebooks generate."""
import re, subprocess, sys, os, shutil, filecmp, tempfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted((ROOT / 'nbs').glob('*.ipynb'))

@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.stem)
def test_notebook(nb):
    r = subprocess.run(['nbdev-test', str(nb)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and 'Success' in r.stdout, f"{nb.name} failed:\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}"

def test_package_matches_notebooks(tmp_path):
    "nbdev-export of the notebooks, run on a copy of the repository, gives the committed package: the check never repairs what it checks."
    copy = tmp_path/'repo'
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns('.git', '_site', '_mkdocs', '_proc', '_docs', 'runs', '_screenshots',
                                                             '__pycache__', '*.egg-info', '.ipynb_checkpoints'))
    subprocess.run(['nbdev-export'], cwd=copy, check=True, capture_output=True)
    files = lambda root: {p.relative_to(root).as_posix(): p.read_text() for p in [*(root/'defense_vae').glob('*.py'), root/'nbs'/'llms.txt']
                          if p.exists()}
    before, after = files(ROOT), files(copy)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"{changed} out of sync with nbs/: run nbdev-export and commit."

def test_readme_matches_index():
    "README.md is nbs/index.ipynb with its saved outputs, as tools/readme.py renders it."
    sys.path.insert(0, str(ROOT / 'tools'))
    from readme import render
    want = render(ROOT / 'nbs' / 'index.ipynb')
    assert (ROOT / 'README.md').read_text() == want, "README.md is out of date: run `make readme`."
    for img in re.findall(r'\]\((nbs/images/[^)]+)\)', want): assert (ROOT / img).exists(), f"README links to missing {img}"

def test_console_script_lists_commands():
    r = subprocess.run(['defense-vae', '--help'], capture_output=True, text=True, check=True)
    for c in ('train', 'demo'): assert c in r.stdout
    r = subprocess.run(['defense-vae', 'nope'], capture_output=True, text=True)
    assert r.returncode != 0 and 'unknown command' in r.stderr

def test_llms_txt_lists_every_module():
    "nbdev lists a module in llms.txt only when its docstring says more than one line: every notebook needs its exported paragraph."
    mods = sorted(p.stem for p in (ROOT / 'defense_vae').glob('*.py') if not p.name.startswith('_'))
    txt = (ROOT / 'nbs' / 'llms.txt').read_text()
    missing = [m for m in mods if f'[defense_vae.{m}]' not in txt]
    assert not missing, f"llms.txt lacks {missing}: give those notebooks an `#| export` markdown paragraph, then nbdev-export."

def test_no_undefined_globals():
    "Every global name a module's code reads is defined in that module or a builtin: a missing import fails here, not hours into a run."
    import builtins, importlib, pkgutil, symtable, defense_vae
    missing = []
    for m in pkgutil.iter_modules(defense_vae.__path__):
        mod = importlib.import_module(f'defense_vae.{m.name}')
        def walk(t):
            for s in t.get_symbols():
                n = s.get_name()
                if s.is_global() and s.is_referenced() and not s.is_assigned() and not hasattr(mod, n) and not hasattr(builtins, n):
                    missing.append(f'{m.name}.{t.get_name()}: {n}')
            for c in t.get_children(): walk(c)
        walk(symtable.symtable(Path(mod.__file__).read_text(), mod.__file__, 'exec'))
    assert not missing, f"names used but never defined or imported: {missing}"
