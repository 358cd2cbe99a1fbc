// nns: argument parsing and exit codes only; everything else lives in NNSFrontEnd.
import NNSFrontEnd
print("nns")
