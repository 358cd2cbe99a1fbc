"""Every lecture script exported with --export to a notebook page and opened in headless
Chromium: the page loads, every picture decodes (a probe script counts the images whose natural
width is known after the load event), the count is the one each script draws, and a screenshot
shows more than a blank page. Scripts/test installs Debian's chromium when it is missing."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nnstest  # noqa: E402
from test_playground import decode_png  # noqa: E402

ROOT = nnstest.ROOT

# The pictures each script draws: every plot, scatter, show, boundary and diagram call that a
# page shows (loops counted out).
PICTURES = {
    "3.1-network.nns": 1,        # diagram
    "3.2-perceptron.nns": 2,     # the perceptron's line on AND, backprop's XOR regions
    "3.3-neuron.nns": 1,         # the AND neuron's half plane
    "3.4-transfer.nns": 10,      # eight f with d(f), the stack and its one layer
    "3.5-backprop.nns": 3,       # multiplications against width, seconds against width and depth
    "3.6-autoencoders.nns": 6,   # four image grids, the VAE's codes and manifold
    "playground.nns": 8,         # circles ×2, XOR with units, spiral ×2, overfit / decay / early stop
}

PROBE = """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.title = 'nns-check ' + ok + ' of ' + imgs.length + ' pictures, height ' + document.body.scrollHeight;
});
</script>"""


def browse(page, workdir, *extra):
    return nnstest.browse(workdir, page, "--disable-dev-shm-usage", "--virtual-time-budget=10000", *extra, timeout=180)


def test_every_lecture_script_is_listed(nns):
    scripts = sorted(n for n in os.listdir(os.path.join(ROOT, "Scripts", "lecture")) if n.endswith(".nns"))
    assert scripts == sorted(PICTURES), scripts


def test_lecture_pages_render_in_chromium(nns):
    for script, expected in sorted(PICTURES.items()):
        with tempfile.TemporaryDirectory() as d:
            page = os.path.join(d, script.replace(".nns", ".html"))
            out = subprocess.run([nns, "--export", page, os.path.join("Scripts", "lecture", script)],
                                 capture_output=True, text=True, timeout=600, cwd=ROOT)
            assert out.returncode == 0, (script, out.stderr[-2000:])
            html = open(page, encoding="utf-8").read()
            assert 'class="cell failed"' not in html, script
            assert html.count("<img ") == expected, (script, html.count("<img "))
            probe = os.path.join(d, "probe.html")
            with open(probe, "w", encoding="utf-8") as f:
                f.write(html.replace("</body>", PROBE + "</body>"))
            dom = browse(probe, d, "--dump-dom")
            title = re.search(r"<title>nns-check (\d+) of (\d+) pictures, height (\d+)</title>", dom.stdout)
            assert title, (script, dom.stdout[:500], dom.stderr[-1000:])
            decoded, total, height = (int(g) for g in title.groups())
            assert decoded == total == expected, (script, decoded, total)
            assert height > 300 * expected, (script, height)
            shot = os.path.join(d, "shot.png")
            browse(page, d, f"--screenshot={shot}", "--window-size=800,1000")
            width, h, colours = decode_png(shot)
            assert (width, h) == (800, 1000) and len(colours) > 20, (script, width, h, len(colours))
