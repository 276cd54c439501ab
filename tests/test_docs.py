"""The docs site, as `make docs` builds it (MkDocs Material; docs/hooks.py runs nbdev's processing on every notebook),
checked twice: in its HTML files, and as a reader sees it in headless Chromium (index and four more pages, with
screenshots in `_screenshots/docs/`). The browser test needs the Debian packages chromium and chromium-driver
(`make browser` installs them; CI does) and is skipped, saying so, where they are missing."""
import json, os, re, shutil, subprocess, sys, threading, time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import pytest

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
        ext = re.findall(r'<(?:script|img|iframe)[^>]*\ssrc="((?:https?:)?//[^"]+)"|<link[^>]*href="((?:https?:)?//[^"]+\.(?:css|js))"', html)
        assert not ext, f"{name} loads from outside the site: {ext}"
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
