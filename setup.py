"""Packaging hook: a built wheel (or a plain ``pip install .``) carries the runtime resources that live
outside the Python packages in the checkout: ``prompts/``, the sidebar (``extension/``) and the demo shop
(``examples/demo-shop/``). They are copied to ``assist/bundled/`` at build time; ``assist.config``
finds them there, or in the checkout for an editable install. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = {"prompts": "prompts", "extension": "extension", "demo-shop": "examples/demo-shop"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.py", ".*")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders directly
        for name, source in BUNDLED.items():
            origin = HERE / source
            if not origin.is_dir():
                raise SystemExit(f"setup.py: {source}/ is missing; build from a full checkout")
            target = Path(self.build_lib) / "assist" / "bundled" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(origin, target, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithResources})
