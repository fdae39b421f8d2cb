"""numpy.loadtxt on the same CSV, for the side-by-side ingest benchmark. Prints MB/s."""
import os
import sys
import time

import numpy as np

path = sys.argv[1]
size = os.path.getsize(path)
start = time.perf_counter()
data = np.loadtxt(path, delimiter=",", skiprows=1)
seconds = time.perf_counter() - start
print(f"{size} bytes, {data.shape[0]} rows, {seconds:.4f} s, {size / 1e6 / seconds:.1f} MB/s")
