"""Sphinx configuration of the famk-data documentation.

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html``; run the examples:
``sphinx-build -W -b doctest docs docs/_build/doctest``. Nothing here uses the network.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import famk_data

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "famk-data"
author = "The famk_data developers"
copyright = "The famk_data developers; data CC0 1.0, code MIT"
release = famk_data.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "famk_docs",  # docs/_ext/famk_docs.py: generated data pages, command examples, API check
    "famk_history",  # docs/_ext/famk_history.py: the alternate history's figure, drawn from the data
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"

# -- MyST --------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon (Google-style docstrings) --------------------------------------
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
autodoc_default_options = {"exclude-members": "__init__, __new__"}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True  # an attribute's type comes from the class annotations
python_use_unqualified_type_names = True  # "Season", not "famk_data.Season", in type hints

# -- doctest: ```{doctest} blocks and the >>> examples of the docstrings -----------------
# Exception messages are compared too (no IGNORE_EXCEPTION_DETAIL).
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_global_setup = """
import famk_data
from famk_data import *
"""

# -- HTML --------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"famk-data {release}"
html_static_path: list[str] = []

# -- docs/_ext/famk_docs.py --------------------------------------------------------------
# Value types whose docstrings have no "Attributes:" section yet; their fields appear in
# the data dictionary with an empty description instead of failing the build. Remove a
# name once its docstring documents its fields.
famk_undescribed_types: list[str] = []
