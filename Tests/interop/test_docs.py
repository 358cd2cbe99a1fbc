"""The guide's own Python code (docs/interop.md): its onnxruntime function gives nns's predictions;
every block at least compiles (the PyTorch one runs in Scripts/interop/check, torch being too large
for every test run)."""
import numpy as np

from docs_code import definitions, python_blocks
from nnstest import folder, run_script as nns


def test_every_python_block_compiles(binary):
    blocks = python_blocks()
    assert len(blocks) >= 3, len(blocks)
    for i, code in enumerate(blocks):
        compile(code, f"docs/interop.md block {i}", "exec")


def test_the_guides_onnxruntime_code(binary):
    d = folder()
    nns(binary, f"""
    seed(1)
    data = xor()
    net = mlp([2, 4, 1], act: tanh, out: sigmoid)
    train(net, data.x, data.y, opt: sgd(lr: 0.5), epochs: 2000)
    save(net, "{d}/xor.onnx")
    save(net, "{d}/xor32.onnx", dtype: "f32")
    save(net(data.x), "{d}/y.npy")
    """)
    onnx_predict = definitions("onnx_predict")["onnx_predict"]
    y = np.load(f"{d}/y.npy")
    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert np.max(np.abs(onnx_predict(f"{d}/xor.onnx", X) - y)) <= 1e-12
    assert np.max(np.abs(onnx_predict(f"{d}/xor32.onnx", X) - y)) <= 1e-5
    assert np.all((y > 0.5) == np.array([[0], [1], [1], [0]]))   # it learned XOR
