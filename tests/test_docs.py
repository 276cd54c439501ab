"""The docs site, as `make docs` builds it (MkDocs Material; docs/hooks.py runs nbdev's processing on every notebook),
checked three times: in its HTML files; as a reader sees it in headless Chromium over HTTP (index and four more pages,
with screenshots in `_screenshots/docs/`); and opened from disk (file://), as the README says: the search box finds
pages, and every page has its table of contents and no table cut off. The browser test needs the Debian packages chromium and chromium-driver
(`make browser` installs them; CI does) and is skipped, saying so, where they are missing."""
import json, os, re, shutil, subprocess, sys, threading, time
from functools import partial
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import pytest

pytestmark = pytest.mark.xdist_group('docs')    # one worker runs these (they share a module fixture)

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT/'_screenshots'/'docs'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
CHROMEDRIVER = shutil.which('chromedriver')
TRACEBACK = re.compile(r'Traceback \(most recent call last\)|\w+Error: .* line \d+|^\s*File ".*", line \d+', re.M)
PROGRESS = re.compile(r'\d+%\|[^|\n]*\|\s*\d+/\d+|\bit/s\]')           # a tqdm bar
# pages the browser opens: (page, what it must show)
PAGES = [('index.html', 'home'), ('core.html', 'api'), ('data.html', 'figure'), ('defense_vae.html', 'maths'),
         ('cli.html', 'api')]

@pytest.fixture(scope='module')
def site(tmp_path_factory):
    "The site built from the current notebooks into a temporary folder (pages are cached in _mkdocs/ between builds)."
    pytest.importorskip('mkdocs', reason="the docs tools are not installed: pip install -e '.[docs]'")
    pytest.importorskip('material', reason="the docs tools are not installed: pip install -e '.[docs]'")
    out, t0 = tmp_path_factory.mktemp('docs')/'site', time.time()
    env = {**os.environ, 'DEFENSE_VAE_QUIET': '1', 'NO_MKDOCS_2_WARNING': '1'}
    r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--strict', '--site-dir', str(out)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, f"mkdocs build failed:\n{r.stdout[-4000:]}\n{r.stderr[-8000:]}"
    print(f"docs built in {time.time() - t0:.0f}s")
    return out

def decorator_comments() -> set[str]:
    "The comments on the decorator lines of the package's functions and classes (`@target(...)   # 2: ...`)."
    import ast, io, tokenize
    res = set()
    for f in (ROOT/'defense_vae').glob('*.py'):
        src = f.read_text()
        lines = {n for d in ast.walk(ast.parse(src)) if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 for n in range(min((x.lineno for x in d.decorator_list), default=d.lineno), d.lineno)}
        res |= {t.string.lstrip('#').strip() for t in tokenize.generate_tokens(io.StringIO(src).readline)
                if t.type == tokenize.COMMENT and t.start[0] in lines}
    return {c for c in res if c}

DECORATOR_COMMENTS = decorator_comments()

def expected_nav() -> list[str]:
    "Page files in notebook order, the home page (nbs/index.ipynb) first, from the build's record of each notebook."
    man = json.loads((ROOT/'_mkdocs'/'manifest.json').read_text())
    nbs = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))
    return ['index.html'] + [f"{man[n]['slug']}.html" for n in nbs if n != 'index.ipynb']

def test_site_pages(site):
    "Every notebook has a page; no page has a traceback, a progress bar or a resource from outside the site."
    pages = {p.name: p.read_text() for p in site.glob('*.html') if p.name != '404.html'}
    assert sorted(pages) == sorted(expected_nav())
    for name, html in pages.items():
        text = re.sub(r'<[^>]+>', '', html)
        assert not TRACEBACK.search(text), f"{name} shows a Python traceback: {TRACEBACK.search(text)[0]!r}"
        assert not PROGRESS.search(text), f"{name} shows a progress bar: {PROGRESS.search(text)[0]!r}"
        # a markdown cell's `#| export` (nbdev's module docstring) must not become a heading
        outside = re.search(r'REFERENCE\.md|/work/shared|\.\./paper/', text)   # notes kept outside the repository
        assert not outside, f"{name} cites a file that is not in the repository: {outside[0]!r}"
        directive = re.search(r'<h\d[^>]*>\s*#?\|.*?</h\d>|^\s*#?\|\s*[\w-]+:.*$', html, re.M)
        assert not directive, f"{name} shows a cell directive as a heading or text: {directive[0]!r}"
        ext = re.findall(r'<(?:script|img|iframe)[^>]*\ssrc="((?:https?:)?//[^"]+)"|<link[^>]*href="((?:https?:)?//[^"]+\.(?:css|js))"', html)
        assert not ext, f"{name} loads from outside the site: {ext}"
    for name, html in pages.items():                             # show_doc signatures as the source writes them
        code = (unescape(re.sub(r'<[^>]+>', '', c)) for c in re.findall(r'<code>(.*?)</code>', html, re.S))
        sigs = '\n'.join(c for c in code if re.match(r'(async )?(def|class) ', c))
        assert 'NoneType' not in sigs, f"{name}: a signature shows an inferred `NoneType` annotation"
        leaked = [c for c in DECORATOR_COMMENTS if c in sigs]
        assert not leaked, f"{name}: decorator comments shown in a signature: {leaked}"
    core = pages['core.html']                                    # the API reference, from nbdev's show_doc
    assert 'id="check_images"' in core and 'check_images</span><span class="p">(' in core
    imgs = re.findall(r'<img src="([^"]+\.png)"', pages['data.html'])
    assert imgs and all((site/i).stat().st_size > 5000 for i in imgs), imgs
    assert '<script type="math/tex' in pages['defense_vae.html']
    assert (site/'assets'/'mathjax'/'MathJax.js').exists()

# --- in a browser ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def served(site):
    "The site on a local HTTP server (127.0.0.1, a free port), as a reader's browser gets it."
    handler = partial(type('Quiet', (SimpleHTTPRequestHandler,), {'log_message': lambda *a: None}), directory=str(site))
    srv = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{srv.server_address[1]}/'
    srv.shutdown(); srv.server_close()

@pytest.fixture(scope='module')
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("headless Chromium is not installed: `make browser` (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip('selenium.webdriver', reason="selenium is not installed: pip install -e '.[docs]'")
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1400,1000',
              '--hide-scrollbars'): opts.add_argument(a)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()

def _wait(drv, js:str, timeout:float=30):
    t0 = time.time()
    while not drv.execute_script(js):
        if time.time() - t0 > timeout: raise AssertionError(f"timed out waiting for: {js}")
        time.sleep(0.1)

def _shot(drv, name:str, css:str|None=None):
    "Screenshot of the window, scrolled so that the first `css` element is at the top."
    if css: drv.execute_script("document.querySelector(arguments[0]).scrollIntoView(); window.scrollBy(0, -80)", css)
    time.sleep(0.2)
    path = SHOTS/name
    assert drv.save_screenshot(str(path)) and path.stat().st_size > 10_000, f"no screenshot {path}"
    return path

def test_site_in_browser(served, browser):
    "Chromium opens the index and four pages: navigation, API docs, a figure, typeset maths; no traceback anywhere."
    drv = browser
    shutil.rmtree(SHOTS, ignore_errors=True); SHOTS.mkdir(parents=True)
    nav = expected_nav()
    for page, kind in PAGES:
        drv.get(served + page)
        _wait(drv, "return document.readyState === 'complete'")
        # the navigation: every notebook's page, in notebook order, with this page marked active
        links = drv.execute_script("""return [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href$=".html"]')]
                                      .map(a => a.getAttribute('href').split('#')[0].replace(/^\\.\\//, ''))""")
        assert list(dict.fromkeys(links)) == nav, f"{page}: navigation {links} is not {nav}"
        active = drv.execute_script("return document.querySelector('nav.md-nav--primary .md-nav__link--active')?.textContent")
        assert active and active.strip(), f"{page}: no active page in the navigation"
        text = drv.execute_script("return document.body.innerText")
        assert not TRACEBACK.search(text), f"{page} shows a Python traceback: {TRACEBACK.search(text)[0]!r}"
        assert not PROGRESS.search(text), f"{page} shows a progress bar"
        h1 = drv.execute_script("return document.querySelector('article h1')?.textContent")
        assert h1, f"{page} has no title"
        if kind == 'home':
            assert 'Defense-VAE' in text and 'make demo' in text
            _shot(drv, 'index.png')
        elif kind == 'api':                                      # show_doc: a heading and a signature per function
            n = drv.execute_script("return document.querySelectorAll('article h3[id]').length")
            sig = drv.execute_script("""return [...document.querySelectorAll('article h3[id] + div.highlight code')]
                                        .filter(c => /^(async )?(def|class) /.test(c.textContent)).length""")
            assert n >= 3 and sig >= 3, f"{page}: {n} API headings, {sig} signatures"
            _shot(drv, page.replace('.html', '.png'), 'article h3[id]')
        elif kind == 'figure':                                   # a figure from a cell output, loaded and drawn
            _wait(drv, "return [...document.querySelectorAll('.nb-figure img')].some(i => i.complete && i.naturalWidth > 100)")
            _shot(drv, page.replace('.html', '.png'), '.nb-figure')
        elif kind == 'maths':                                    # MathJax from the site itself typesets every formula
            _wait(drv, "return window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 && "
                       "document.querySelectorAll('script[type^=\"math/tex\"]').length > 0 && "
                       "document.querySelectorAll('.MathJax, .MathJax_Display').length >= "
                       "document.querySelectorAll('script[type^=\"math/tex\"]').length")
            assert not drv.execute_script("return document.querySelector('.MathJax_Error, .merror')"), "a formula failed"
            _shot(drv, page.replace('.html', '.png'), '.MathJax_Display, .MathJax')
        outside = drv.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"
                                     ".filter(u => !u.startsWith(arguments[0]) && !u.startsWith('data:'))", served)
        assert not outside, f"{page} fetched from outside the site: {outside}"
        # MathJax 2 probes web-font support with a font at about:blank, which Chromium refuses (harmless)
        errors = [e['message'] for e in drv.get_log('browser') if e['level'] == 'SEVERE' and 'about:blank' not in e['message']]
        assert not errors, f"{page}: browser errors {errors}"
    print(f"screenshots: {sorted(str(p) for p in SHOTS.glob('*.png'))}")

# --- from disk (file://), as the README says to open it ---------------------------------------------------------------

def _page_checks(drv, page:str) -> dict:
    "What a page shows: its h1 titles, its h2/h3 ids, the ids its table of contents links to, and any table cut off."
    return drv.execute_script("""
        const art = document.querySelector('article'), toc = document.querySelector('.md-sidebar--secondary nav.md-nav--secondary');
        const box = art.getBoundingClientRect(), cut = [];
        for (const t of art.querySelectorAll('table')) {           // scrolled to its end, a table's last column is in view
            const wrap = t.closest('.md-typeset__scrollwrap') || t;
            wrap.scrollLeft = wrap.scrollWidth;
            const cells = t.querySelectorAll('tr:first-child > *'), last = cells[cells.length - 1];
            if (last && last.getBoundingClientRect().right > Math.min(box.right, wrap.getBoundingClientRect().right) + 2)
                cut.push(t.querySelector('tr').textContent.trim().slice(0, 80));
            wrap.scrollLeft = 0;
        }
        return {h1: [...art.querySelectorAll('h1')].map(h => h.textContent),
                headings: [...art.querySelectorAll('h2[id], h3[id]')].map(h => h.id),
                toc: toc && toc.offsetParent ? [...toc.querySelectorAll('a.md-nav__link')].map(a => a.hash.slice(1)) : null,
                cut: cut};""")

def test_site_from_disk(site, browser):
    """Opened from disk: the search box finds pages; every page has one title, a table of contents listing its sections
    (every h2 and h3), and no table cut off."""
    drv = browser
    SHOTS.mkdir(parents=True, exist_ok=True)
    from selenium.webdriver.common.by import By
    drv.get((site/'index.html').as_uri())
    _wait(drv, "return document.readyState === 'complete'")
    box = drv.find_element(By.CSS_SELECTOR, 'input.md-search__input')
    assert box.is_displayed(), "index.html opened from disk has no search box"
    box.click(); box.send_keys('purify')                          # a word from several pages
    _wait(drv, "return document.querySelectorAll('.md-search-result__item').length > 0", timeout=20)
    meta = drv.execute_script("return document.querySelector('.md-search-result__meta').textContent")
    assert re.match(r'\d+ matching documents', meta), meta
    hits = drv.execute_script("return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)")
    assert any('/cli.html' in h for h in hits) and all(h.startswith('file://') for h in hits), hits
    from urllib.parse import unquote, urlparse
    assert all(Path(unquote(urlparse(h).path)).is_file() for h in hits), f"a search result links to no file: {hits}"
    _shot(drv, 'search_from_disk.png')
    no_toc = []
    for page in expected_nav():
        drv.get((site/page).as_uri())
        _wait(drv, "return document.readyState === 'complete'")
        r = _page_checks(drv, page)
        assert len(r['h1']) == 1, f"{page}: {len(r['h1'])} h1 headings {r['h1']} (a markdown cell's `#| ...` line?)"
        assert not r['cut'], f"{page}: tables cut off at the text column: {r['cut']}"
        if not r['headings']: continue
        if not r['toc']: no_toc.append(page); continue
        missing = [h for h in r['headings'] if h not in r['toc']]
        assert not missing, f"{page}: sections missing from the table of contents: {missing}"
        if page == 'blackbox.html': _shot(drv, 'blackbox_toc.png')
    assert not no_toc, f"pages with sections and no table of contents: {no_toc}"
