"""README.md from nbs/index.ipynb and its saved outputs (nbdev_readme needs Quarto, which is not available everywhere).

Markdown cells as they are; code cells as python blocks, except those marked `#| echo: false`; outputs as markdown
(a `Table` read from `results/`), or as text; image links made relative to the repository root. Run `make outputs`
first when the index notebook's outputs are stale (tests/test_results.py says so)."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _text(v) -> str: return ''.join(v) if isinstance(v, list) else v

def _outputs(cell) -> list[str]:
    parts = []
    for o in cell.get('outputs', []):
        if o['output_type'] == 'stream' and o.get('name') == 'stdout': parts.append('```text\n' + _text(o['text']).rstrip() + '\n```')
        elif o['output_type'] in ('display_data', 'execute_result'):
            d = o['data']
            if 'text/markdown' in d: parts.append(_text(d['text/markdown']).strip())
            elif 'text/plain' in d: parts.append('```text\n' + _text(d['text/plain']).rstrip() + '\n```')
    return parts

def render(nb_path:Path) -> str:
    nb, out = json.loads(nb_path.read_text()), []
    for cell in nb['cells']:
        src = _text(cell['source'])
        if cell['cell_type'] == 'markdown': out.append(src.strip()); continue
        if cell['cell_type'] != 'code': continue
        lines = src.splitlines()
        directives = [l for l in lines if l.startswith('#|')]
        code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
        if code and not any(re.fullmatch(r'#\|\s*echo:\s*false', d.strip()) for d in directives): out.append(f'```python\n{code}\n```')
        out += _outputs(cell)
    md = '\n\n'.join(p for p in out if p) + '\n'
    return re.sub(r'\]\(images/', '](nbs/images/', md)

if __name__ == '__main__':
    (ROOT/'README.md').write_text(render(ROOT/'nbs'/'index.ipynb'))
    print('wrote README.md', file=sys.stderr)
