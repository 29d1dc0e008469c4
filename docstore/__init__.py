"""docstore: who said what, where and when, in Russian-language news."""

import os as _os

# natasha's models (the syntax parser above all) multiply small matrices: OpenBLAS's own threads only
# spin against each other and against `load --jobs` workers. One thread each is faster alone (51 against
# 46 documents/s) and twice as fast with two workers. Set before numpy loads; a user's setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
