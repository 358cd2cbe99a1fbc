"""Pictures from the nns command (contract section 7): PNG files checked with Python's own zlib
(an independent inflater for nns's deflate encoder), SVG parsed as XML, text pictures free of
escape codes when piped, and notebook export (contract section 1) once the command wires it."""
import os
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib


def nns_run(nns, *argv, timeout=120):
    return subprocess.run([nns, *argv], capture_output=True, text=True, timeout=timeout)


def read_png(path):
    """(width, height, colour type, raw scanlines) after checking signature, CRCs and zlib."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        pos += 12 + length
    assert [k for k, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert depth == 8
    raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    channels = 3 if colour == 2 else 1
    assert len(raw) == height * (width * channels + 1)
    return width, height, colour, raw


def test_plot_and_scatter_files(nns):
    with tempfile.TemporaryDirectory() as d:
        png, svg, sc = (os.path.join(d, n) for n in ("f.png", "f.svg", "s.png"))
        out = nns_run(nns, "-e", f'plot(sigmoid, tanh, file: "{png}", width: 300, height: 200)\n'
                                 f'plot(sigmoid, tanh, file: "{svg}")\n'
                                 f'scatter(rand(50, 2), arange(0, 50) % 3, file: "{sc}")')
        assert out.returncode == 0 and out.stdout == "", out
        width, height, colour, raw = read_png(png)
        assert (width, height, colour) == (300, 200, 2)
        # The plot has background, axis grey and both series colours.
        assert b"\xff\xff\xff" in raw and bytes([31, 119, 180]) in raw and bytes([255, 127, 14]) in raw
        assert read_png(sc)[:3] == (640, 400, 2)
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg")
        titles = [t.text for t in root.iter() if t.tag.endswith("title")]
        assert "sigmoid" in titles and "tanh" in titles, titles


def test_show_file_is_a_grey_grid(nns):
    with tempfile.TemporaryDirectory() as d:
        png = os.path.join(d, "g.png")
        out = nns_run(nns, "-e", f'show(zeros(3, 4), ones(3, 4), shape: [2, 2], scale: 2, file: "{png}")')
        assert out.returncode == 0 and out.stdout == "", out
        width, height, colour, raw = read_png(png)
        # Three 4×4 images per row, two rows, 1-pixel gaps and border.
        assert (width, height, colour) == (1 + 3 * 5, 1 + 2 * 5, 0)
        row = lambda y: raw[y * (width + 1) + 1:(y + 1) * (width + 1)]
        assert row(1)[1:5] == b"\x00" * 4 and row(6)[1:5] == b"\xff" * 4


def test_text_pictures_when_piped(nns):
    out = nns_run(nns, "-e", "plot(sigmoid)\nshow(digits().x[0:2])\nscatter([[0, 1], [1, 0]], [0, 1])")
    assert out.returncode == 0, out
    assert "\x1b" not in out.stdout
    assert "── sigmoid" in out.stdout and "@@" in out.stdout and "* 0   + 1" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 72


def test_picture_errors_are_script_errors(nns):
    out = nns_run(nns, "-e", "show(rand(3, 64), shape: [1e9, 1e9])")
    assert out.returncode == 1 and "<-e>:1:1: error: show: shape:" in out.stderr, out
    out = nns_run(nns, "-e", "plot([0/0, 1/0])")
    assert out.returncode == 1 and "nothing to plot" in out.stderr, out


def test_export_notebook(nns):
    with tempfile.TemporaryDirectory() as d:
        source = os.path.join(d, "lesson.md")
        with open(source, "w") as f:
            f.write("# Lesson\n\nText.\n\n```nns\nprint(1 + 1)\nplot(sigmoid)\n```\n")
        html = os.path.join(d, "lesson.html")
        out = nns_run(nns, "--export", html, source)
        if "not available" in out.stderr:
            return  # the command does not export yet
        assert out.returncode == 0, out
        page = open(html, encoding="utf-8").read()
        assert "<h1>Lesson</h1>" in page and "data:image/png;base64," in page and ">2\n</pre>" in page
        md = os.path.join(d, "out", "lesson.md")
        os.makedirs(os.path.dirname(md))
        out = nns_run(nns, "--export", md, source)
        assert out.returncode == 0, out
        assert os.path.exists(os.path.join(d, "out", "lesson_files", "cell-1-1.png"))
        read_png(os.path.join(d, "out", "lesson_files", "cell-1-1.png"))
