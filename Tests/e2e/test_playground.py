"""Seeing inside the network from the nns command: train(plot: true) redrawn
in place on a pseudo-terminal at most ten times a second, interrupted by Ctrl-C with the weights
kept, silent when piped and a picture on a notebook page; boundary and diagram PNGs decoded here
(an independent PNG reader: CRCs, zlib, scanline filters), their SVGs parsed as XML."""
import functools
import os
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nnstest  # noqa: E402
from test_repl import Repl, PROMPT, interpreter_ready  # noqa: E402


nns_run = functools.partial(nnstest.nns_run, timeout=300)


def decode_png(path):
    """(width, height, set of RGB colours) of an 8-bit RGB, RGBA or grey PNG, every filter undone."""
    png = nnstest.read_png(path, colours=(0, 2, 6))
    return png.width, png.height, png.colours()


def test_plot_true_redraws_in_place_and_ctrl_c_keeps_the_weights(nns):
    if not interpreter_ready(nns):
        return
    r = Repl(nns)
    try:
        r.cell("seed(1); d = moons(n: 200, noise: 0.2); v = moons(n: 100, noise: 0.2)")
        r.cell("net = mlp([2, 32, 32, 1], act: relu, out: sigmoid); W0 = net.layers[0].W")
        start, raw_start = len(r.p.text), len(r.p.raw)
        r.type("h = train(net, d.x, d.y, loss: bce, opt: adam(lr: 0.01), epochs: 100000000, validation: v, plot: true)\r")
        began = time.time()
        time.sleep(2.5)
        r.p.sendcontrol("c")
        m = r.p.expect(PROMPT, timeout=60)
        elapsed = time.time() - began
        r.number = int(m.group(1))
        shown, raw = r.p.text[start:m.start()], r.p.raw[raw_start:]
        frames = len(re.findall(r"epoch \d+/100000000", shown))
        assert frames >= 2, shown[-2000:]
        # Each new frame first moves back over the last one (ESC [ n F) and erases it (ESC [ J).
        assert len(re.findall(r"\x1b\[\d+F\x1b\[J", raw)) >= frames, raw[-2000:]
        assert frames <= 10 * elapsed + 1, (frames, elapsed)
        assert "loss over" in shown and "(interrupted)" in shown and "val_loss" in shown
        assert "training interrupted" in shown
        assert r.cell("sum(abs(net.layers[0].W - W0)) > 0").strip().endswith("true")
        assert r.cell("h.interrupted and h.epochs < 100000000 and len(h.val_loss) >= 1").strip().endswith("true")
    finally:
        r.close()


def test_plot_true_prints_nothing_when_piped_and_draws_on_a_page(nns):
    script = ("seed(0)\nd = xor()\nnet = mlp([2, 4, 1], act: tanh, out: sigmoid)\n"
              "h = train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 300, plot: true)\nprint(h.epochs)\n")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "curve.nns")
        with open(path, "w") as f:
            f.write(script)
        out = nns_run(nns, path)
        assert out.returncode == 0 and out.stdout == "300\n" and out.stderr == "", out
        page = os.path.join(d, "curve.html")
        out = nns_run(nns, "--export", page, path)
        assert out.returncode == 0, out
        html = open(page, encoding="utf-8").read()
        assert html.count("<img ") == 1 and 'alt="training loss curve over 300 epochs"' in html


def test_boundary_and_diagram_files(nns):
    with tempfile.TemporaryDirectory() as d:
        files = {n: os.path.join(d, n) for n in ("b.png", "b.svg", "u.png", "s.png", "g.png", "g.svg")}
        code = f"""
        seed(3)
        m = moons(n: 100, noise: 0.1)
        net = mlp([2, 8, 8, 1], act: tanh, out: sigmoid)
        train(net, m.x, m.y, loss: bce, opt: adam(lr: 0.02), epochs: 300);
        boundary(net, m.x, m.y, file: "{files['b.png']}")
        boundary(net, m.x, m.y, units: true, file: "{files['b.svg']}")
        boundary(net, m.x, m.y, units: true, file: "{files['u.png']}")
        s = spiral(n: 150, classes: 3)
        clf = mlp([2, 16, 3], act: relu, out: softmax)
        train(clf, s.x, s.onehot, loss: cross_entropy, opt: adam(lr: 0.02), epochs: 200);
        boundary(clf, s.x, s.y, file: "{files['s.png']}")
        diagram(net, file: "{files['g.png']}")
        diagram(mlp([64, 32, 10]), file: "{files['g.svg']}")
        """
        out = nns_run(nns, "-e", "\n".join(line.strip() for line in code.splitlines()))
        assert out.returncode == 0 and out.stdout == "", out
        blue, orange = (31, 119, 180), (255, 127, 14)
        w, h, colours = decode_png(files["b.png"])
        assert w >= 400 and h >= 400, (w, h)
        # Regions in many tints of both classes, the points in their full colours.
        assert blue in colours and orange in colours and len(colours) > 50, len(colours)
        wu, hu, _ = decode_png(files["u.png"])
        assert wu > w, "the unit maps add columns to the left"
        _, _, colours = decode_png(files["s.png"])
        assert (44, 160, 44) in colours, "the third class's colour"
        _, _, colours = decode_png(files["g.png"])
        assert any(abs(c[0] - 31) < 40 and abs(c[2] - 180) < 40 and c[2] > c[0] + 60 for c in colours)
        assert any(c[0] > 200 and c[2] < 120 for c in colours), "an inhibitory (orange) edge"
        root = ET.parse(files["b.svg"]).getroot()
        tags = [e.tag.split("}")[1] for e in root.iter()]
        # The output map and 16 unit maps are images; 100 points; the level line is a path.
        assert tags.count("image") >= 17 and tags.count("circle") >= 100 and "path" in tags, tags.count("image")
        root = ET.parse(files["g.svg"]).getroot()
        texts = [e.text for e in root.iter() if e.tag.endswith("text")]
        assert "64 inputs (10 shown)" in texts and "10 · sigmoid" in texts, texts
        lines = [e for e in root.iter() if e.tag.endswith("line")]
        assert 10 * 10 + 10 * 10 <= len(lines) <= 10 * 10 + 10 * 10 + 10, len(lines)


def test_boundary_needs_two_inputs(nns):
    out = nns_run(nns, "-e", "net = mlp([64, 10])\nboundary(net, rand(5, 2))")
    assert out.returncode == 1
    assert "takes 64 inputs" in out.stderr and "features:" in out.stderr and "projection" in out.stderr, out.stderr
