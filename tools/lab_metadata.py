"""Give every notebook in nbs/ the notebook metadata JupyterLab writes when it opens one, so that opening a notebook
does not mark it modified (`make export` runs this after `nbdev-clean`).

When a notebook's kernel starts, JupyterLab sets the notebook's `kernelspec` to the kernel's spec (name, display name,
language) and its `language_info` to the kernel's answer, and marks the notebook modified when either differs from
what the file holds. Here the kernel is ipykernel's `python3`, whose display name is "Python 3 (ipykernel)".
`nbdev-clean` keeps `language_info` (`allowed_metadata_keys` in `[tool.nbdev]`, pyproject.toml), but it always sets
the display name to the kernel's name ("python3"; nbdev's `clean_nb` has no setting for that), so this script puts
the display name back. `language_info` holds the Python version of the kernel, so a notebook opened with another
Python version is still marked modified there: Lab writes that version.

    python tools/lab_metadata.py           # update the notebooks (only their top-level metadata)
    python tools/lab_metadata.py --check   # exit 1 naming the notebooks whose metadata Lab would change
"""
import json, sys
from pathlib import Path

NBS = Path(__file__).resolve().parents[1]/'nbs'

def lab_metadata(kernel:str='python3') -> dict:
    "The `kernelspec` and `language_info` JupyterLab writes into a notebook whose kernel is `kernel` (ipykernel)."
    from jupyter_client.kernelspec import KernelSpecManager
    from ipykernel.ipkernel import IPythonKernel
    spec = KernelSpecManager().get_kernel_spec(kernel)
    return dict(kernelspec=dict(display_name=spec.display_name, language=spec.language, name=kernel),
                language_info=dict(IPythonKernel.language_info))

def _nb2str(nb) -> str: return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n'   # as nbdev writes

def differs(meta:dict, want:dict, ignore_version:bool=False) -> list[str]:
    "The keys of `want` that `meta` (a notebook's metadata) does not match."
    def norm(k, v):
        return {**v, 'version': None} if ignore_version and k == 'language_info' and isinstance(v, dict) else v
    return [k for k, v in want.items() if norm(k, meta.get(k)) != norm(k, v)]

def main(check:bool=False) -> int:
    want, changed = None, []
    for path in sorted(NBS.glob('*.ipynb')):
        nb = json.loads(path.read_text(encoding='utf-8'))
        kernel = nb.get('metadata', {}).get('kernelspec', {}).get('name', 'python3')
        want = lab_metadata(kernel)
        keys = differs(nb.get('metadata', {}), want)
        if not keys: continue
        changed.append(f"{path.name} ({', '.join(keys)})")
        if not check:
            nb.setdefault('metadata', {}).update({k: want[k] for k in keys})
            path.write_text(_nb2str(nb), encoding='utf-8')
    if changed: print(('JupyterLab would change: ' if check else 'updated: ') + '; '.join(changed))
    return 1 if check and changed else 0

if __name__ == '__main__': sys.exit(main(check='--check' in sys.argv[1:]))
