"""The committed results/ folder is what the README and the notebooks show: every table that names its CSV
(`<!-- results/....csv -->`, written by `Table._repr_markdown_`) must show exactly that CSV; a table joined from
slices (`joined`) names each of its CSVs and must show exactly their join."""
import json, re
from pathlib import Path
from defense_vae.report import Table, markdown_table, joined

ROOT = Path(__file__).resolve().parents[1]

def cited_tables(text:str):
    "(csv path, the markdown table lines that follow its comment) for every table in `text` that names its CSV."
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if m := re.fullmatch(r'<!-- (results/\S+\.csv(?:, results/\S+\.csv)*) -->', l.strip()):
            j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith('|'))
            k = j
            while k < len(lines) and lines[k].startswith('|'): k += 1
            yield m[1], '\n'.join(lines[j:k])

def check(where:str, text:str) -> list[str]:
    bad = []
    for src, table in cited_tables(text):
        missing = [s for s in src.split(', ') if not (ROOT/s).is_file()]
        if missing: bad.append(f"{where} shows {', '.join(missing)}, not in the repository"); continue
        tb = joined([Table.from_csv(ROOT/s) for s in src.split(', ')])
        if table != markdown_table(tb.rows, tb.keys, tb.cols, tb.average): bad.append(f"{where}: its table of {src} differs from the CSV")
    return bad

def test_readme_tables_are_the_csvs():
    text = (ROOT/'README.md').read_text()
    assert list(cited_tables(text)), "the README shows no table read from results/"
    bad = check('README.md', text)
    assert not bad, '; '.join(bad) + ": run `make outputs NB=nbs/index.ipynb` and `make readme`."

def test_notebook_tables_are_the_csvs():
    bad = []
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown')
                if md: bad += check(nb.name, ''.join(md) if isinstance(md, list) else md)
    assert not bad, '; '.join(bad) + ": run `make outputs NB=<that notebook>`."

def test_cited_tables_are_found():
    "The check itself: a table that differs from its CSV is caught."
    demo = next((ROOT/'results').rglob('*.csv'))
    tb = Table.from_csv(demo)
    good = tb._repr_markdown_()
    assert check('x', good) == []
    row = next(l for l in good.splitlines() if l.startswith('|') and re.search(r'\d+\.\d\d', l))
    assert check('x', good.replace(row, re.sub(r'(\d+)\.(\d\d)', lambda m: f"{int(m[1]) + 1}.{m[2]}", row, count=1))) != []
    both = joined([tb, tb])._repr_markdown_()                     # a join names each CSV and is checked against their join
    assert f"<!-- {tb.source}, {tb.source} -->" in both and check('x', both) == []
    assert check('x', both.replace(row, re.sub(r'(\d+)\.(\d\d)', lambda m: f"{int(m[1]) + 1}.{m[2]}", row, count=1))) != []
