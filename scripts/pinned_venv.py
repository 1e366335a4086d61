"""Re-exec a generator script inside a throwaway virtualenv with pinned
PyPI packages (shared by build_gazetteers.py and build_entity_ids.py).

It installs only the packages it is given and sets PYTHONHASHSEED=0 so
the generators stay deterministic; it does nothing else.
"""

import os
import subprocess
import sys


def bootstrap(venv, requirements, flag, script):
    """Re-exec `script` inside `venv` with `requirements`, unless the
    environment variable `flag` says this already is that process."""
    if os.environ.get(flag) == "1":
        return
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + requirements)
    env = dict(os.environ, **{flag: "1"}, PYTHONHASHSEED="0")
    os.execve(py, [py, os.path.abspath(script)] + sys.argv[1:], env)
