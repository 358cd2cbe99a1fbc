"""Notebook pages with Chinese, as a browser shows them: `nns --export` of a lesson with Chinese
prose, code, output and a picture, opened in headless Chromium. The screenshot must show real
glyphs where the Chinese is (compared with the same page with every Chinese character replaced
by an ideographic space), and the browser's own layout must put every character of the code and
output at the column nns counted (two for a Chinese character). The Markdown export keeps the
same text as UTF-8."""
import ctypes
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nnstest  # noqa: E402
from test_pictures import pixels, read_png  # noqa: E402

LESSON = """# 神经网络基础

这是第一课：激活函数把加权输入变成输出。

```nns
参数 = {权重: [[1, 2], [3, 4]], lr: 0.1}
print(参数)
print("输出：神经网络")
plot(sigmoid, labels: ["激活函数 sigmoid"], title: "转移函数")
```
"""

HAN = re.compile(r"[\u4e00-\u9fff]")

_libc = ctypes.CDLL("libc.so.6")
_libc.wcwidth.argtypes = [ctypes.c_wchar]
_libc.setlocale(0, b"C.UTF-8")


def browse(d, page, *flags):
    """Runs headless Chromium on a page with a profile of its own; gives its stdout."""
    out = nnstest.browse(d, page, "--hide-scrollbars", "--force-device-scale-factor=1", *flags)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def screenshot(d, page, name):
    shot = os.path.join(d, name)
    browse(d, page, "--window-size=1000,900", f"--screenshot={shot}")
    width, height, _, rows = read_png(shot)
    return width, pixels(rows)


def export(nns, d):
    source = os.path.join(d, "lesson.md")
    with open(source, "w", encoding="utf-8") as f:
        f.write(LESSON)
    page = os.path.join(d, "lesson.html")
    out = subprocess.run([nns, "--export", page, source], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stderr == "", out
    return source, page


def test_page_declares_utf8_and_chinese_fonts(nns):
    d = tempfile.mkdtemp(prefix="nns-page-")
    try:
        _, page = export(nns, d)
        data = open(page, "rb").read()
        text = data.decode("utf-8")   # the page is UTF-8 ...
        assert '<meta charset="utf-8">' in data[:1024].decode("utf-8", errors="replace")   # ... and says so early
        for family in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"):
            assert family in text, family
        assert "<h1>神经网络基础</h1>" in text and "这是第一课：激活函数把加权输入变成输出。" in text
    finally:
        shutil.rmtree(d, ignore_errors=True)


def glyph_cells(width, changed, top, bottom, left, right, count):
    """The changed pixels of a run of `count` equal-width glyphs, one set per glyph, relative to
    its cell, and the ink inside the middle half of each cell."""
    cells, middles = [], []
    cell = (right - left + 1) / count
    for k in range(count):
        x0 = left + k * cell
        ink = {(x - int(x0), y - top) for (x, y) in changed if x0 <= x < x0 + cell and top <= y <= bottom}
        cells.append(ink)
        h = bottom - top + 1
        middles.append(sum(1 for (x, y) in ink if cell / 4 <= x < 3 * cell / 4 and h / 4 <= y < 3 * h / 4))
    return cells, middles


def test_screenshot_shows_chinese_glyphs(nns):
    d = tempfile.mkdtemp(prefix="nns-page-")
    try:
        _, page = export(nns, d)
        text = open(page, encoding="utf-8").read()
        # The same page with every Chinese character an ideographic space (U+3000, as wide):
        # the layout stays, and the pixels that differ are exactly the Chinese glyphs' ink.
        blank = os.path.join(d, "blank.html")
        with open(blank, "w", encoding="utf-8") as f:
            f.write(HAN.sub("\u3000", text))
        width, shown = screenshot(d, page, "shown.png")
        _, spaces = screenshot(d, blank, "blank.png")
        changed = {(i % width, i // width) for i in range(len(shown)) if shown[i] != spaces[i]}
        assert len(changed) > 2000, len(changed)
        dark = sum(1 for (x, y) in changed if max(shown[y * width + x]) < 100)
        assert dark > 1000, dark
        # The heading is the first run of changed rows: six characters, six different glyphs,
        # each with strokes inside its square (a "missing glyph" box is hollow and always alike).
        rows = sorted({y for _, y in changed})
        top = rows[0]
        bottom = top
        while bottom + 1 in rows:
            bottom += 1
        xs = [x for (x, y) in changed if top <= y <= bottom]
        cells, middles = glyph_cells(width, changed, top, bottom, min(xs), max(xs), 6)
        assert all(m > 5 for m in middles), middles
        for a in range(6):
            for b in range(a + 1, 6):
                assert len(cells[a] ^ cells[b]) > 0.2 * max(len(cells[a]), len(cells[b])), (a, b)
        # Chinese ink also under the heading: the prose line and the cell's code and output.
        assert len([y for y in rows if y > bottom + 10]) > 60
    finally:
        shutil.rmtree(d, ignore_errors=True)


MEASURE = """<script>
window.addEventListener("load", () => {
  const lines = [];
  for (const pre of document.querySelectorAll("pre.stdout, pre.code, pre.stderr")) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let line = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\\n") { lines.push(line); line = []; continue; }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = node.parentElement.classList.contains("w") ? node.parentElement : range;
        line.push([text[i], box.getBoundingClientRect().left]);
      }
    }
    lines.push(line);
  }
  const out = document.createElement("pre");
  out.id = "nns-measure";
  out.textContent = JSON.stringify(lines);
  document.body.appendChild(out);
});
</script>"""


def measure(d, page):
    """Where the browser put each character of `page`: opens a copy with the MEASURE script and
    gives its lines of (character, x) pairs and the text of each line."""
    measured = os.path.join(d, "measured.html")
    with open(measured, "w", encoding="utf-8") as f:
        f.write(open(page, encoding="utf-8").read().replace("</body>", MEASURE + "</body>"))
    dom = browse(d, measured, "--dump-dom", "--virtual-time-budget=5000")
    found = re.search(r'<pre id="nns-measure">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    lines = [line for line in json.loads(html.unescape(found.group(1))) if line]
    return lines, ["".join(c for c, _ in line) for line in lines]


def test_code_and_output_keep_their_columns_in_the_browser(nns):
    d = tempfile.mkdtemp(prefix="nns-page-")
    try:
        _, page = export(nns, d)
        lines, texts = measure(d, page)
        assert "  权重: tensor [2, 2]" in texts and "        [[1, 2]," in texts, texts
        steps = [b[1] - a[1] for line in lines for a, b in zip(line, line[1:]) if _libc.wcwidth(a[0]) == 1]
        advance = sorted(steps)[len(steps) // 2]
        assert advance > 4, advance
        for line in lines:
            column, x0 = 0, line[0][1]
            for ch, x in line:
                assert abs((x - x0) - column * advance) < 0.6, ("".join(c for c, _ in line), ch, x - x0, column)
                column += max(_libc.wcwidth(ch), 0)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_error_caret_in_the_page_stands_under_the_token(nns):
    d = tempfile.mkdtemp(prefix="nns-page-")
    try:
        source = os.path.join(d, "error.md")
        with open(source, "w", encoding="utf-8") as f:
            f.write('# 错误\n\n```nns\nx = "神经网络" + zorblax\n```\n')
        page = os.path.join(d, "error.html")
        out = subprocess.run([nns, "--export", page, source], capture_output=True, text=True, timeout=120)
        assert out.returncode == 1 and ":4:14: error: undefined name 'zorblax'" in out.stderr, out
        lines, texts = measure(d, page)
        # In the cell's error output: the source line, then the caret; both start at the same x.
        i = next(k for k, t in enumerate(texts) if t.strip() == 'x = "神经网络" + zorblax' and k + 1 < len(texts)
                 and texts[k + 1].strip() == "^")
        line, caret = lines[i], lines[i + 1]
        z = next(x for c, x in line if c == "z")
        hat = next(x for c, x in caret if c == "^")
        assert abs(z - hat) < 0.6 and abs(line[0][1] - caret[0][1]) < 0.6, (z, hat)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_markdown_export_keeps_the_chinese(nns):
    d = tempfile.mkdtemp(prefix="nns-page-")
    try:
        source = os.path.join(d, "lesson.md")
        with open(source, "w", encoding="utf-8") as f:
            f.write(LESSON)
        os.makedirs(os.path.join(d, "out"))
        md = os.path.join(d, "out", "lesson.md")
        out = subprocess.run([nns, "--export", md, source], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out
        data = open(md, "rb").read()
        assert not data.startswith(b"\xef\xbb\xbf")   # UTF-8 without a byte-order mark, as CommonMark expects
        text = data.decode("utf-8")
        assert text.startswith("# 神经网络基础\n\n这是第一课：激活函数把加权输入变成输出。\n")
        assert "```text\n{\n  权重: tensor [2, 2]\n        [[1, 2],\n         [3, 4]],\n  lr: 0.1\n}\n输出：神经网络\n```" in text, text
        assert read_png(os.path.join(d, "out", "lesson_files", "cell-1-1.png"))[:2] == (640, 400)
    finally:
        shutil.rmtree(d, ignore_errors=True)
