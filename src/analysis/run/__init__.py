"""Running the notebooks: jobs and their keys, worker processes or a Dask cluster, forked
kernels, the batch."""

from analysis.briefs.fast_imports import import_jsonschema

import_jsonschema()  # before papermill loads it (see the module)
