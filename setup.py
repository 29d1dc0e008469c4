"""What ships in the wheel; the rest of the project's metadata is in pyproject.toml.

Every package under docstore/ is found by discovery, so a new subpackage cannot be left out.
migrations/ and seeds/ live at the top of the repository (where `alembic` and readers expect
them) and ship inside the package as docstore._migrations and docstore._seeds, so a
non-editable install finds them too (docstore.config.package_dir).
"""

from setuptools import find_namespace_packages, setup

INSIDE = {"docstore._migrations": "migrations", "docstore._seeds": "seeds"}

setup(
    packages=[
        *find_namespace_packages(include=["docstore", "docstore.*"], exclude=["*.__pycache__"]),
        *INSIDE,
        "docstore._migrations.versions",
    ],
    package_dir=INSIDE,
    package_data={"docstore._migrations": ["script.py.mako"], "docstore._seeds": ["*.txt"],
                  "docstore.web": ["templates/*.html"]},
)
