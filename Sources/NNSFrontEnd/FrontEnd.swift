// The front ends: REPL on libedit, script runner, notebook export. Thin layers over NNScript.
import NNScript
