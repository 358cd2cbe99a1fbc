"""Seeing inside the network in Jupyter: boundary and diagram arrive as display_data with an
image/png and, as text/plain, the picture a script prints; train(plot: true) ends with the loss
curve as a picture (its text/plain the description, since a script prints nothing for it) while
the progress line still updates in place."""
import base64
import subprocess

import support
from support import run


def test_boundary_diagram_and_the_final_loss_curve_are_pictures(nns):
    km, kc = support.start_kernel()
    try:
        setup = ("seed(0)\nd = xor()\nnet = mlp([2, 4, 1], act: tanh, out: sigmoid)\n"
                 "train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 500, verbose: false);")
        c = run(kc, setup + "\nboundary(net, d.x, d.y, units: true)\ndiagram(net)")
        assert c.reply["status"] == "ok", c.messages
        pictures = [p for p in c.of("display_data") if "image/png" in p["data"]]
        assert len(pictures) == 2, c.messages
        for p in pictures:
            width, height = support.decode_png(base64.b64decode(p["data"]["image/png"]))[:2]
            assert width >= 400 and height >= 200, (width, height)
        script = subprocess.run([nns, "-e", setup + "\nboundary(net, d.x, d.y, units: true)\ndiagram(net)"],
                                capture_output=True, text=True)
        assert pictures[0]["data"]["text/plain"] + pictures[1]["data"]["text/plain"] == script.stdout
        assert c.stdout == "", "pictures printed text as well"
        c = run(kc, "h = train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 3000, plot: true)\nh.epochs", timeout=120)
        assert c.reply["status"] == "ok" and c.results == ["3000"], c.messages
        curves = [p for p in c.of("display_data") if "image/png" in p["data"]]
        assert len(curves) == 1, c.messages
        assert curves[0]["data"]["text/plain"] == "training loss curve over 3000 epochs", curves[0]["data"]
        assert support.decode_png(base64.b64decode(curves[0]["data"]["image/png"]))[:2] == (640, 400)
        assert c.stdout == ""
    finally:
        support.stop_kernel(km, kc)
