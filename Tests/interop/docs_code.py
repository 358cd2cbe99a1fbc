"""The ```python blocks of docs/interop.md, so the tests and Scripts/interop/check run the very
code the guide shows."""
import os

GUIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "interop.md")


def python_blocks():
    """Each ```python block of the guide, in order."""
    blocks, current = [], None
    with open(GUIDE, encoding="utf-8") as f:
        for line in f:
            if current is None and line.strip() == "```python":
                current = []
            elif current is not None and line.strip() == "```":
                blocks.append("".join(current))
                current = None
            elif current is not None:
                current.append(line)
    return blocks


def definitions(name):
    """The names defined by the guide's block that defines `name` (run in a fresh namespace)."""
    for code in python_blocks():
        if f"def {name}(" in code:
            namespace = {}
            exec(compile(code, f"docs/interop.md ({name})", "exec"), namespace)
            return namespace
    raise AssertionError(f"docs/interop.md has no Python block defining {name}")
