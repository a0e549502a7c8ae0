"""Running the notebooks: jobs and their keys, worker processes or a Dask cluster, the
kernels' fork server, the batch."""
