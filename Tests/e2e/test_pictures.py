"""Pictures from the nns command: PNG files decoded with Python's own zlib
and PNG row filters (independent of the libpng nns writes with), Chinese labels drawn in real
fonts, the messages when fonts are missing, SVG parsed as XML, text pictures free of escape codes
when piped, and notebook export."""
import functools
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET


import nnstest

nns_run = functools.partial(nnstest.nns_run, timeout=120)


def read_png(path):
    """(width, height, colour type, rows of pixel bytes) of an 8-bit grey or RGB PNG, checked and
    with each row's filter undone."""
    png = nnstest.read_png(path, colours=(0, 2))
    return png.width, png.height, png.colour, png.rows()


def pixels(rows):
    """The (r, g, b) pixels of RGB rows."""
    return [tuple(row[i:i + 3]) for row in rows for i in range(0, len(row), 3)]


def test_plot_and_scatter_files(nns):
    with tempfile.TemporaryDirectory() as d:
        png, svg, sc = (os.path.join(d, n) for n in ("f.png", "f.svg", "s.png"))
        out = nns_run(nns, "-e", f'plot(sigmoid, tanh, file: "{png}", width: 300, height: 200)\n'
                                 f'plot(sigmoid, tanh, file: "{svg}")\n'
                                 f'scatter(rand(50, 2), arange(0, 50) % 3, file: "{sc}")')
        assert out.returncode == 0 and out.stdout == "", out
        width, height, colour, rows = read_png(png)
        assert (width, height, colour) == (300, 200, 2)
        # The plot has background, both series colours, and many more from antialiasing.
        colours = set(pixels(rows))
        assert {(255, 255, 255), (31, 119, 180), (255, 127, 14)} <= colours and len(colours) > 20
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
        width, height, colour, rows = read_png(png)
        # Three 4×4 images per row, two rows, 1-pixel gaps and border; grey in RGB, sharp squares.
        assert (width, height, colour) == (1 + 3 * 5, 1 + 2 * 5, 2)
        assert rows[1][3:15] == b"\x00" * 12 and rows[6][3:15] == b"\xff" * 12
        assert rows[0][:3] == b"\x80\x80\x80"


def legend_ink(nns, d, label):
    """The pixels of a plot with one line named `label` (Chinese or not), and nns's stderr."""
    png = os.path.join(d, "legend.png")
    out = nns_run(nns, "-e", f'plot(fn(u) = u, from: 0, to: 1, labels: ["{label}"], file: "{png}")')
    assert out.returncode == 0, out
    width, height, _, rows = read_png(png)
    assert (width, height) == (640, 400)
    return pixels(rows), out.stderr


def test_chinese_labels_draw_glyphs_in_their_case(nns):
    with tempfile.TemporaryDirectory() as d:
        named, warnings = legend_ink(nns, d, "激活函数 sigmoid")
        assert warnings == "", warnings
        bare, _ = legend_ink(nns, d, "")
        upper, _ = legend_ink(nns, d, "激活函数 SIGMOID")
        # The line y = u runs bottom-left to top-right, so the legend sits top-left: the label's
        # glyphs are dark pixels there that the unnamed picture lacks.
        def dark(p):
            return max(p) < 110 and max(p) - min(p) < 24
        changed = [i for i in range(len(named)) if named[i] != bare[i]]
        assert sum(1 for i in changed if dark(named[i])) > 150, len(changed)
        assert all((i % 640) < 320 and (i // 640) < 120 for i in changed)
        # Lower case stays lower case (a pixel font drew both as capitals).
        assert named != upper


def test_missing_fonts_are_said_and_the_picture_still_drawn(nns):
    with tempfile.TemporaryDirectory() as d:
        def config(dirs):
            path = os.path.join(d, f"fonts-{len(dirs)}.conf")
            with open(path, "w") as f:
                f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                        f'<fontconfig>{"".join(f"<dir>{x}</dir>" for x in dirs)}<cachedir>{d}/cache</cachedir></fontconfig>\n')
            return path
        png = os.path.join(d, "p.png")
        code = f'plot(sigmoid, labels: ["激活函数"], title: "转移函数", file: "{png}")\nplot(tanh, file: "{png}")'
        # Only a Latin font: the Chinese characters are named, once, and drawn as boxes.
        env = dict(os.environ, FONTCONFIG_FILE=config(["/usr/share/fonts/truetype/dejavu"]))
        out = subprocess.run([nns, "-e", code], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0 and out.stdout == "", out
        assert out.stderr.count("warning: no installed font has 转 移 函 数 激 活;") == 1, out.stderr
        assert "fonts-wqy-microhei" in out.stderr
        assert read_png(png)[:2] == (640, 400)
        # No font at all: said once; lines, boxes and colours are drawn, the text left out.
        env = dict(os.environ, FONTCONFIG_FILE=config([]))
        out = subprocess.run([nns, "-e", code], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0 and out.stdout == "", out
        assert out.stderr.count("warning: no font was found") == 1, out.stderr
        width, height, _, rows = read_png(png)
        assert (width, height) == (640, 400) and (31, 119, 180) in set(pixels(rows))


def test_svg_keeps_chinese_text_and_cjk_fonts(nns):
    with tempfile.TemporaryDirectory() as d:
        svg = os.path.join(d, "c.svg")
        out = nns_run(nns, "-e", f'hist(randn(100), label: "权重", title: "分布", xlabel: "值", ylabel: "个数", file: "{svg}")')
        assert out.returncode == 0, out
        root = ET.parse(svg).getroot()
        texts = [t.text for t in root.iter() if t.tag.endswith("text")]
        assert {"权重", "分布", "值", "个数"} <= set(texts), texts
        assert "WenQuanYi Micro Hei" in root.get("font-family") and "Noto Sans CJK SC" in root.get("font-family")


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
        assert read_png(os.path.join(d, "out", "lesson_files", "cell-1-1.png"))[:2] == (640, 400)
