"""Run notebooks as their tests run (cells flagged `slow` or `notest` skipped) and keep their outputs for readers.

`python tools/outputs.py [nbs/NN_name.ipynb ...]` (default: every notebook), then `make export`. Progress bars and
other stderr are dropped; figures, tables and printed counts stay. A notebook whose cells fail is left as it was."""
import json, os, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def keep(o:dict) -> bool:
    "An output a reader should see: not stderr (progress bars, warnings), not a widget."
    if o.get('output_type') == 'stream' and o.get('name') == 'stderr': return False
    return not (o.get('output_type') in ('display_data', 'execute_result') and 'application/vnd.jupyter.widget-view+json' in o.get('data', {}))

def run(nb:Path) -> bool:
    from nbdev.config import get_config
    from nbdev.test import test_nb
    before = nb.read_text()
    ok, secs = test_nb(nb, skip_flags=get_config().tst_flags.split(), save=True)
    if not ok: nb.write_text(before); print(f'{nb.name}: FAILED, left as it was', file=sys.stderr); return False
    d = json.loads(nb.read_text())
    for c in d['cells']:
        if c['cell_type'] == 'code': c['outputs'] = [o for o in c.get('outputs', []) if keep(o)]
    nb.write_text(json.dumps(d, indent=1, ensure_ascii=False) + '\n')
    n = sum(bool(c.get('outputs')) for c in d['cells'] if c['cell_type'] == 'code')
    print(f'{nb.name}: {n} cells with output ({secs:.0f} s)', file=sys.stderr)
    return True

if __name__ == '__main__':
    os.environ.setdefault('DEFENSE_VAE_QUIET', '1')
    nbs = [Path(a).resolve() for a in sys.argv[1:]] or sorted((ROOT/'nbs').glob('*.ipynb'))
    sys.exit(0 if all([run(nb) for nb in nbs]) else 1)
