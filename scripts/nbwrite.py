"""Write a GoNB notebook (.ipynb, outputs cleared) from a list of cells.

Usage from a small generator script:

    import sys; sys.path.insert(0, "scripts"); from nbwrite import write, SETUP
    write("notebooks/07-example.ipynb", [("markdown", "# Title"), ("code", SETUP), ("code", "%%\n...")])

Cell ids are stable (cell-00, cell-01, ...) so regenerated notebooks diff cleanly.
"""
import json

SETUP = '!*go mod edit -replace "github.com/neurodyn/neurodyn=${GONB_DIR}/.." -require "github.com/neurodyn/neurodyn@v0.0.0-00010101000000-000000000000"'

def nb(cells):
    out = []
    for kind, src in cells:
        src = src.strip("\n")
        lines = [l + "\n" for l in src.split("\n")]
        lines[-1] = lines[-1].rstrip("\n")
        c = {"cell_type": kind, "metadata": {}, "source": lines}
        if kind == "code":
            c["execution_count"] = None
            c["outputs"] = []
        out.append(c)
    return {"cells": out, "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
            "language_info": {"codemirror_mode": "", "file_extension": ".go", "mimetype": "", "name": "go", "nbconvert_exporter": "", "pygments_lexer": "", "version": "go1.26"}},
            "nbformat": 4, "nbformat_minor": 5}
def write(path, cells):
    d = nb(cells)
    for i, c in enumerate(d["cells"]):
        c["id"] = "cell-%02d" % i
    json.dump(d, open(path, "w"), indent=1, ensure_ascii=False)
    open(path, "a").write("\n")
