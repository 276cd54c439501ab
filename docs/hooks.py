"""MkDocs hooks that turn the notebooks in `nbs/` into the pages of the docs site (`make docs`).

Why MkDocs Material: Quarto, which `nbdev-docs` drives, cannot be installed on machines without internet access (its PyPI
package downloads the binary at build time), while MkDocs and Material are pure-Python wheels, build this site in
seconds, ship an offline search, and read Markdown -- so nbdev's `show_doc` output becomes real headings in each page's
table of contents. The notebooks go through nbdev's own processors first, exactly as `nbdev-docs` would feed them to
Quarto, so `nbdev-docs` keeps working unchanged for anyone who has Quarto.

Per notebook, in file order (a page is remade only when its notebook, its `exec_cells` or this file changed; delete
`_mkdocs/` to remake every page):
1. nbdev's `FilterDefaults` processors: frontmatter, `show_doc` for every exported symbol, hidden cells removed, and the
   cells nbdev runs for the API docs (imports, exports, `show_doc`). Cells flagged with a `tst_flags` directive (`slow`,
   `notest`) are never run here; the cells listed under `extra.exec_cells` in `mkdocs.yml` are, for their figures.
   `show_doc` signatures read as the source writes them (`signatures_as_written`).
2. A Markdown page: cell sources as code blocks (Quarto's `echo`/`output`/`include` options honoured), markdown cells
   without their `#|` directive lines, outputs as Markdown, text or PNG files; stderr (progress bars, warnings) is
   left out.
The maths is typeset by MathJax 2 from the `jupyter-server-mathjax` wheel, copied into the site: no CDN is used.
"""
import atexit, hashlib, json, logging, os, re, shutil, time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'
OUT = ROOT/'_mkdocs'                  # generated pages (git-ignored), a cache between builds
MATHJAX_DEST = 'assets/mathjax'
log = logging.getLogger('mkdocs.hooks.notebooks')

# --- step 1: nbdev's processing -------------------------------------------------------------------------------------

def _tst_flags() -> set:
    from nbdev.config import get_config
    return set(str(get_config(str(ROOT)).get('tst_flags', '') or '').split())

def one_line_description(cell):
    "Join a title cell's `> description` lines: nbdev's frontmatter keeps only the first line of a wrapped description."
    if cell.cell_type != 'markdown' or not re.match(r'#\s+\S', cell.source): return
    cell.source = re.sub(r'^(>\s+.*?)\s*\n>\s+', r'\1 ', cell.source, flags=re.M)
    if re.search(r'^>.*\n>\s+', cell.source, flags=re.M): one_line_description(cell)

@contextmanager
def signatures_as_written():
    """`show_doc` signatures as the source writes them, while nbdev processes a notebook. fastcore's docments, which
    renders them, (1) takes the comment lines just above a parameter as its description, walking up past the `def`
    line into the decorators: `@target(..., version=2)   # 2: ...` became the description of the return value (or of
    the last parameter on the `def` line); (2) gives a parameter without annotation the type of its default, so
    `path=None` showed as `path:NoneType=None` and `log=print` as `log:builtin_function_or_method=print`. Here comments
    above the `def` (or `class`) line are not read, and a parameter the source leaves unannotated stays so."""
    import ast, inspect
    from tokenize import COMMENT
    from unittest.mock import patch
    import fastcore.docments as fd
    tokens, get_full = fd._tokens, fd._get_full
    def _tokens(s):
        body = fd._parses(s).body
        defn = body[0] if len(body) == 1 and isinstance(body[0], (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else None
        return [t for t in tokens(s) if not (defn and t.type == COMMENT and t.start[0] < defn.lineno)]
    def _get_full(p, docs, eval_str=False):
        res = get_full(p, docs, eval_str=eval_str)
        if p.annotation is inspect.Parameter.empty: res['anno'] = inspect.Parameter.empty
        return res
    with patch.object(fd, '_tokens', _tokens), patch.object(fd, '_get_full', _get_full): yield

def process_notebook(path:Path, exec_ids=()):
    "The notebook at `path` after nbdev's docs processors (with flagged cells not run and `exec_ids` cells run)."
    from fastcore.nbio import read_nb
    from nbdev.config import get_config
    from nbdev.processors import FilterDefaults
    flags, exec_ids = _tst_flags(), set(exec_ids)
    def mark_docs_cells(cell):
        "Run the cells listed in `exec_cells` (`exec_doc`); never run cells the default test run skips."
        if cell.cell_type != 'code': return
        if cell.get('id') in exec_ids: cell.directives_['exec_doc'] = ''
        if flags & set(cell.directives_): cell.directives_['eval'] = 'false'
    class DocsFilter(FilterDefaults):
        def base_procs(self): return [one_line_description, mark_docs_cells, *super().base_procs()]
        def __call__(self, nb):
            proc = self.nb_proc(nb)
            try: proc.process()
            finally:                  # stop the notebook's shell now: 24 shells torn down at exit cost ~1 s each
                for k in (getattr(p, 'k', None) for p in proc.procs):
                    if k is None: continue
                    k.close()
                    atexit.unregister(k.atexit_operations)
    nb = read_nb(path)
    missing = exec_ids - {c.get('id') for c in nb.cells}
    if missing: raise ValueError(f"mkdocs.yml extra.exec_cells: no cell with id {sorted(missing)} in {path.name}")
    import nbdev.processors
    from unittest.mock import patch
    cfg, cwd = get_config(str(ROOT)), os.getcwd()
    # nbdev's processors re-read pyproject.toml for every cell (seconds per build): read it once per notebook
    with patch.object(nbdev.processors, 'get_config', lambda *a, **k: cfg if not (a or k) else get_config(*a, **k)), \
         signatures_as_written():
        try:
            os.chdir(NBS)             # as `nbdev-test` runs them: relative paths in cells are relative to nbs/
            DocsFilter()(nb)
        finally: os.chdir(cwd)
    return nb

# --- step 2: a Markdown page ----------------------------------------------------------------------------------------

_re_ansi = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
_re_directive = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def _text(x) -> str: return ''.join(x) if isinstance(x, list) else str(x)

def _fence(text:str, lang:str='') -> str:
    ticks = '`' * max(3, 1 + max((len(m) for m in re.findall(r'`+', text)), default=0))
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"

def split_directives(src:str) -> tuple[dict, str]:
    "Quarto cell options (`#| key: value` lines at the top) and the source without them."
    lines, opts = src.splitlines(), {}
    while lines and (m := _re_directive.match(lines[0])):
        opts[m[1]] = m[2].strip().strip('"\'').lower()
        lines.pop(0)
    return opts, '\n'.join(lines).strip('\n')

def _image(o:dict, data:dict, name:str, files:Path, slug:str) -> str:
    import base64
    files.mkdir(parents=True, exist_ok=True)
    (files/name).write_bytes(base64.b64decode(_text(data['image/png'])))
    meta = o.get('metadata', {}).get('image/png', {})
    width = f' width="{int(meta["width"])}"' if 'width' in meta else ''
    alt = _text(data.get('text/plain', 'figure')).strip().replace('"', "'").replace('<', '').replace('>', '')
    return f'<figure class="nb-figure"><img src="{slug}_files/{name}" alt="{alt}"{width}></figure>'

def render_outputs(outputs:list, opts:dict, files:Path, slug:str, key:str) -> list[str]:
    parts = []
    for j, o in enumerate(outputs):
        kind = o.get('output_type')
        if kind == 'stream':
            text = _re_ansi.sub('', _text(o.get('text', '')))
            if o.get('name') == 'stdout' and text.strip(): parts.append(_fence(text, 'text'))
        elif kind in ('execute_result', 'display_data'):
            d = o.get('data', {})
            if 'text/markdown' in d: parts.append(_text(d['text/markdown']).strip())
            elif 'image/png' in d: parts.append(_image(o, d, f'{key}_{j}.png', files, slug))
            elif 'image/svg+xml' in d: parts.append(f'<figure class="nb-figure">{_text(d["image/svg+xml"])}</figure>')
            elif 'text/html' in d: parts.append(f'<div class="nb-output" markdown="0">\n{_text(d["text/html"]).strip()}\n</div>')
            elif 'text/latex' in d: parts.append(_text(d['text/latex']).strip())
            elif 'text/plain' in d:
                text = _text(d['text/plain'])
                parts.append(text.strip() if opts.get('output') == 'asis' else _fence(text, 'text'))
        elif kind == 'error':                                      # the docs tests refuse a page with a traceback
            parts.append(_fence(_re_ansi.sub('', '\n'.join(o.get('traceback', []))), 'text'))
    return parts

def notebook_markdown(nb, files:Path, slug:str) -> str:
    "The processed notebook `nb` as a Markdown page; its figures are written to `files`."
    fm = getattr(nb, 'frontmatter_', {}) or {}
    title = str(fm.get('title') or slug).lstrip('# ').strip()
    parts = [f'# {title}']
    if fm.get('description'): parts.append(f"{fm['description']}\n{{: .nb-description }}")
    if files.exists(): shutil.rmtree(files)
    for i, cell in enumerate(nb.cells):
        src = _text(cell.get('source', ''))
        if cell.cell_type == 'markdown':         # `#| export` on a markdown cell is for nbdev (module docstring), not a heading
            opts, text = split_directives(src)
            if opts.get('include') != 'false': parts.append(text.strip())
        if cell.cell_type != 'code': continue
        opts, code = split_directives(src)
        if opts.get('include') == 'false': continue
        if code.strip() and opts.get('echo') != 'false': parts.append(_fence(code, 'python'))
        if opts.get('output') != 'false': parts += render_outputs(cell.get('outputs', []), opts, files, slug, f'cell{i}')
    return '\n\n'.join(p for p in parts if p) + '\n'

# --- the pages, with a cache ----------------------------------------------------------------------------------------

def _slug(nb, path:Path) -> str:
    out = (getattr(nb, 'frontmatter_', {}) or {}).get('output-file')
    return Path(out).stem if out else re.sub(r'^\d+_', '', path.stem)

def _remove_page(slug:str):
    (OUT/f'{slug}.md').unlink(missing_ok=True)
    shutil.rmtree(OUT/f'{slug}_files', ignore_errors=True)

def build_pages(config) -> list[dict]:
    "Process every notebook whose page is out of date; return [{nb, slug, title}] in notebook order."
    os.environ.setdefault('DEFENSE_VAE_QUIET', '1')            # no progress bars in the pages
    import matplotlib; matplotlib.use('agg')
    exec_cells = dict(config['extra'].get('exec_cells') or {})
    OUT.mkdir(exist_ok=True)
    man_path = OUT/'manifest.json'
    manifest = json.loads(man_path.read_text()) if man_path.exists() else {}
    salt = Path(__file__).read_bytes()                             # what a page is made from: this file, its notebook
    nbs = sorted(NBS.glob('*.ipynb'))
    pages, t_all = [], time.time()
    for path in nbs:
        ids = list(exec_cells.get(path.stem) or [])
        key = hashlib.sha1(salt + path.read_bytes() + json.dumps(ids).encode()).hexdigest()
        old = manifest.get(path.name)
        if not (old and old['key'] == key and (OUT/f"{old['slug']}.md").exists()):
            t0 = time.time()
            try: nb = process_notebook(path, ids)
            except Exception as e: raise RuntimeError(f"docs: nbdev's processing of {path.name} failed: {e}") from e
            slug = _slug(nb, path)
            if old and old['slug'] != slug: _remove_page(old['slug'])
            (OUT/f'{slug}.md').write_text(notebook_markdown(nb, OUT/f'{slug}_files', slug))
            title = str((getattr(nb, 'frontmatter_', {}) or {}).get('title') or slug).lstrip('# ').strip()
            manifest[path.name] = old = dict(key=key, slug=slug, title=title)
            man_path.write_text(json.dumps(manifest, indent=1))
            log.info(f"{path.name} -> {slug}.md in {time.time() - t0:.1f}s")
        pages.append(dict(nb=path.stem, slug=old['slug'], title=old['title']))
    for name in set(manifest) - {p.name for p in nbs}: _remove_page(manifest.pop(name)['slug'])   # removed notebooks
    man_path.write_text(json.dumps(manifest, indent=1))
    log.info(f"{len(pages)} notebook pages ready in {time.time() - t_all:.1f}s")
    return pages

def make_nav(pages:list[dict], sections:dict) -> list:
    "Home (nbs/index.ipynb, the README) first, then every notebook in file order, grouped by `sections` {first number: name}."
    nav, starts = [], sorted((int(k), v) for k, v in (sections or {}).items())
    for p in pages:
        if p['slug'] == 'index': nav.insert(0, {'Home': 'index.md'}); continue
        num = re.match(r'\d+', p['nb'])
        sec = next((name for start, name in reversed(starts) if num and int(num[0]) >= start), None)
        item = {p['title']: f"{p['slug']}.md"}
        if sec is None: nav.append(item); continue
        if not (nav and isinstance(nav[-1], dict) and list(nav[-1]) == [sec]): nav.append({sec: []})
        nav[-1][sec].append(item)
    return nav

# --- MkDocs events --------------------------------------------------------------------------------------------------

_pages = []

def on_config(config):
    _pages[:] = build_pages(config)
    config['nav'] = make_nav(_pages, config['extra'].get('nb_sections'))
    return config

def _mathjax_files():
    "MathJax 2 (TeX input, HTML-CSS output with its STIX web fonts) from the jupyter-server-mathjax wheel."
    from importlib.util import find_spec                          # locate the wheel without importing jupyter_server
    spec = find_spec('jupyter_server_mathjax')
    if spec is None: raise RuntimeError("docs: MathJax comes from jupyter-server-mathjax: pip install -e '.[docs]'")
    static = Path(spec.origin).parent/'static'
    keep = ('MathJax.js', 'config/TeX-AMS-MML_HTMLorMML-full.js', 'jax/element/', 'jax/input/', 'jax/output/HTML-CSS/',
            'extensions/', 'fonts/HTML-CSS/STIX-Web/woff/', 'LICENSE')
    for f in sorted(static.rglob('*')):
        rel = f.relative_to(static).as_posix()
        if f.is_file() and rel.startswith(keep) and not rel.startswith('extensions/a11y/'): yield rel, f

def on_files(files, config):
    from mkdocs.structure.files import File
    for p in _pages:
        for f in [OUT/f"{p['slug']}.md", *sorted((OUT/f"{p['slug']}_files").glob('*'))]:
            files.append(File.generated(config, f.relative_to(OUT).as_posix(), abs_src_path=str(f)))
    for rel, f in _mathjax_files(): files.append(File.generated(config, f'{MATHJAX_DEST}/{rel}', abs_src_path=str(f)))
    for f in sorted((NBS/'images').glob('*')):                   # images the notebooks link to (the README's figure)
        files.append(File.generated(config, f'images/{f.name}', abs_src_path=str(f)))
    return files

def on_serve(server, config, builder):
    server.watch(str(NBS))                                         # `mkdocs serve` rebuilds when a notebook changes
    return server
