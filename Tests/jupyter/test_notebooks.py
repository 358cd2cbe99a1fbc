"""Notebooks: every lecture script (Scripts/lecture/*.nns, today's and any added later) turned into
a notebook by `nns --export`, valid under nbformat, then executed headlessly by nbclient with the
`nns` kernel the notebook names; what the cells print, with each picture's text form in its place,
equals the script's golden output, and every picture is a decodable PNG of the size `nns --export`
drew. Exported notebooks also keep errors and prose as Jupyter stores them."""
import base64
import glob
import os
import subprocess
import tempfile

import nbformat
from nbclient import NotebookClient

import support

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_work = tempfile.TemporaryDirectory(prefix="nns-notebooks-")


def export(nns, source, name):
    path = os.path.join(_work.name, name)
    out = subprocess.run([nns, "--export", path, source], capture_output=True, text=True, timeout=600, cwd=ROOT)
    return out, path


def transcript(nb):
    """What the notebook's cells printed, as the script prints it: stdout, and for each picture
    its text form; plus the pictures (PNG bytes, text) in order."""
    text, pictures = "", []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stdout":
                text += o.text
            elif o.output_type == "display_data" and "image/png" in o.data:
                # A text form is whole lines; a one-line description (a picture a script prints
                # nothing for: one written to a file, train's final curve) is not printed.
                if o.data["text/plain"].endswith("\n"):
                    text += o.data["text/plain"]
                pictures.append((base64.b64decode(o.data["image/png"]), o.data["text/plain"]))
            elif o.output_type == "display_data":
                # The training progress bar, shown once and updated in place.
                assert o.data["text/plain"].startswith("[") and " epoch " in o.data["text/plain"], o
            elif o.output_type == "error":
                raise AssertionError("a lecture cell failed: %s" % o.evalue)
    return text, pictures


def kept_outputs(nb):
    """Each code cell's outputs without the progress bar, text of one stream in a row joined (as
    JupyterLab shows and saves it), for comparing two runs."""
    result = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for o in cell.outputs:
            if o.output_type == "display_data" and "image/png" not in o.data:
                continue
            o = dict(o)
            if o["output_type"] == "stream" and outputs and outputs[-1]["output_type"] == "stream" \
                    and outputs[-1]["name"] == o["name"]:
                outputs[-1] = dict(outputs[-1], text=outputs[-1]["text"] + o["text"])
            else:
                outputs.append(o)
        result.append(outputs)
    return result


def blank_measured(cells, timed):
    """The outputs with the PNG data of the last `timed` pictures left out."""
    left = timed
    for outputs in reversed(cells):
        for k in reversed(range(len(outputs))):
            o = outputs[k]
            if left > 0 and o["output_type"] == "display_data" and "image/png" in o["data"]:
                outputs[k] = dict(o, data=dict(o["data"], **{"image/png": "(measured)"}))
                left -= 1
    return cells


# The last pictures of these scripts plot times measured while they run (3.5's cost experiment:
# seconds against width and against depth), so only their sizes can match between two runs.
MEASURED_PICTURES = {"3.5-backprop.nns": 2}


def test_lecture_notebooks_equal_the_golden_outputs(nns):
    scripts = sorted(glob.glob(os.path.join(ROOT, "Scripts", "lecture", "*.nns")))
    assert len(scripts) >= 5, scripts
    checked = 0
    for script in scripts:
        relative = os.path.relpath(script, os.path.join(ROOT, "Scripts"))
        golden = os.path.join(ROOT, "Tests", "Golden", "Scripts", os.path.splitext(relative)[0] + ".out")
        if not os.path.exists(golden):
            continue
        name = os.path.basename(script)
        out, path = export(nns, script, name.replace(".nns", ".ipynb"))
        assert out.returncode == 0, (name, out.stderr)
        exported = nbformat.read(path, as_version=4)
        nbformat.validate(exported)
        assert exported.metadata.kernelspec.name == "nns", exported.metadata
        assert exported.metadata.language_info.name == "nns", exported.metadata
        executed = nbformat.read(path, as_version=4)
        # The kernel comes from the notebook's own kernelspec; cells run in the repository root.
        NotebookClient(executed, timeout=600, resources={"metadata": {"path": ROOT}}).execute()
        nbformat.validate(executed)
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        got, pictures = transcript(executed)
        assert got == want, "%s: the notebook's output differs from %s:\n%s" % (name, golden, first_difference(got, want))
        _, drawn = transcript(exported)
        assert len(pictures) == len(drawn), name
        timed = MEASURED_PICTURES.get(name, 0)
        for k, ((png, text), (png_exported, text_exported)) in enumerate(zip(pictures, drawn)):
            w, h, _, rows = support.decode_png(png)
            we, he, _, rows_exported = support.decode_png(png_exported)
            assert (w, h) == (we, he) and text == text_exported, name
            # Pictures of measured times differ from run to run; every other one is exact.
            assert rows == rows_exported or k >= len(pictures) - timed, name
        # The kernel stores what --export stored (but for the progress bar, which only a live
        # kernel shows).
        assert blank_measured(kept_outputs(executed), timed) == blank_measured(kept_outputs(exported), timed), name
        checked += 1
    assert checked >= 5, checked


def first_difference(got, want):
    for i, (a, b) in enumerate(zip(got.splitlines(), want.splitlines())):
        if a != b:
            return "line %d:\n  got:  %r\n  want: %r" % (i + 1, a, b)
    return "lengths %d and %d" % (len(got), len(want))


def test_exported_notebook_keeps_errors_and_prose(nns):
    source = os.path.join(_work.name, "lesson.md")
    with open(source, "w", encoding="utf-8") as f:
        f.write("# A lesson\n\nSome *prose*.\n\n```nns\nx = 2\nprint(x)\nx + 1\n```\n\n"
                "More prose.\n\n```nns\ny = x + nope\n```\n")
    out, path = export(nns, source, "lesson.ipynb")
    assert out.returncode == 1 and "nope" in out.stderr, out  # a cell failed: status 1, the file written
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["markdown", "code", "markdown", "code"], kinds
    assert nb.cells[0].source == "# A lesson\n\nSome *prose*.", nb.cells[0].source
    code = nb.cells[1]
    assert code.execution_count == 1 and [o.output_type for o in code.outputs] == ["stream", "execute_result"]
    assert code.outputs[0].text == "2\n" and code.outputs[1].data["text/plain"] == "3", code.outputs
    (error,) = nb.cells[3].outputs
    assert error.output_type == "error" and error.ename == "error", error
    assert error.evalue == "undefined name 'nope'", error
    assert error.traceback[0].startswith(source + ":14:9: \x1b[1;31merror:"), error.traceback
    assert error.traceback[-1].strip() == "^", error.traceback
    # Jupyter runs it again with the nns kernel named in it; the error is still the only one.
    client = NotebookClient(nb, timeout=120, allow_errors=True, resources={"metadata": {"path": _work.name}})
    client.execute()
    assert nb.cells[3].outputs[0].evalue == "undefined name 'nope'", nb.cells[3].outputs
    assert nb.cells[1].outputs[1].data["text/plain"] == "3", nb.cells[1].outputs


def test_first_steps_notebook(nns):
    """The notebook a course hands out (Tests/jupyter/first-steps.ipynb) runs as written."""
    nb = nbformat.read(os.path.join(os.path.dirname(__file__), "first-steps.ipynb"), as_version=4)
    nbformat.validate(nb)
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": _work.name}}).execute()
    check_first_steps(nb)


def check_first_steps(nb):
    """The outputs the first-steps notebook must have after a run."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].outputs[0].text == "hello from nns\n", code[0].outputs
    assert code[1].outputs[0].data["text/plain"] == "0.25", code[1].outputs
    pictures = [o for c in code for o in c.outputs if o.output_type == "display_data" and "image/png" in o.data]
    assert len(pictures) == 2, [c.outputs for c in code]
    for p in pictures:
        support.decode_png(base64.b64decode(p.data["image/png"]))
    assert code[-1].outputs[-1].data["text/plain"] == "true", code[-1].outputs
    assert all(o.output_type != "error" for c in code for o in c.outputs)
