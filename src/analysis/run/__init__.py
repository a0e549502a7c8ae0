"""Running the notebooks: jobs and their keys, worker processes or a Dask cluster, forked
kernels, the batch."""
