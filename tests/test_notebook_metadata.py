"""Opening a notebook in JupyterLab does not mark it modified: each notebook holds the `kernelspec` and `language_info`
Lab writes when its kernel starts (tools/lab_metadata.py puts them there; `make export` runs it after nbdev-clean,
which keeps `language_info` but resets the kernelspec's display name to "python3")."""
import json, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

def test_notebooks_hold_lab_metadata():
    pytest.importorskip('jupyter_client', reason='JupyterLab is not installed')
    pytest.importorskip('ipykernel', reason='JupyterLab is not installed')
    sys.path.insert(0, str(ROOT/'tools'))
    try: import lab_metadata
    finally: sys.path.remove(str(ROOT/'tools'))
    bad = []
    for path in sorted((ROOT/'nbs').glob('*.ipynb')):
        meta = json.loads(path.read_text(encoding='utf-8'))['metadata']
        want = lab_metadata.lab_metadata(meta.get('kernelspec', {}).get('name', 'python3'))
        # the Python version in language_info is this machine's: Lab writes its own kernel's version
        keys = lab_metadata.differs(meta, want, ignore_version=True)
        if keys: bad.append(f"{path.name}: {', '.join(keys)}")
    assert not bad, f"JupyterLab would mark these notebooks modified on opening them: {bad}. Run `make export` " \
                    "(or `python tools/lab_metadata.py` after nbdev-clean)."

def test_nbdev_clean_keeps_language_info():
    "nbdev-clean keeps the `language_info` Lab writes ([tool.nbdev] allowed_metadata_keys)."
    nbdev_clean = pytest.importorskip('nbdev.clean')
    from nbdev.config import get_config
    nb = json.loads((ROOT/'nbs'/'00_core.ipynb').read_text(encoding='utf-8'))
    info = nb['metadata']['language_info']
    nbdev_clean.clean_nb(nb, allowed_metadata_keys=get_config(str(ROOT)).get('allowed_metadata_keys'))
    assert nb['metadata'].get('language_info') == info
