"""The kernel provisioner of a batch's workers (jupyter_client's public extension point).

Registered under the entry-point group ``jupyter_client.kernel_provisioners`` as
``briefs-fork-server`` (``pyproject.toml``) and chosen by a worker with
``JUPYTER_DEFAULT_PROVISIONER_NAME`` (:func:`analysis.run.kernels.use_fork_server`).
"""

from __future__ import annotations

import os
import pathlib
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from analysis.run import forkserver


class ForkServerProvisioner(LocalProvisioner):
    """A :class:`LocalProvisioner` whose IPython kernels come from the fork server named by
    ``ANALYSIS_FORK_SERVER`` in the environment, when it can fork them safely."""

    #: Why the last kernel was launched the ordinary way ('' when it was forked).
    fallback_reason: str = ""
    _forked: forkserver.ForkedKernel | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        """Fork the kernel in the fork server; launch it the ordinary way if it cannot."""
        address = os.environ.get(forkserver.ADDRESS_ENV)
        if not address:
            self.fallback_reason = "no fork server"
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        cwd = kwargs.get("cwd")
        kernel = forkserver.request(address, cmd, env, str(cwd) if cwd else None)
        if isinstance(kernel, str):
            self.fallback_reason = kernel
            self.log.info("kernel launched, not forked: %s", kernel)
            return await super().launch_kernel(cmd, **kwargs)
        self.fallback_reason = ""
        self._forked = kernel
        # What LocalProvisioner.launch_kernel records of the process it starts.
        self.process = kernel
        self.pid = self.pgid = kernel.pid  # the kernel leads its own process group
        self.cwd = cwd or pathlib.Path.cwd()
        return self.connection_info

    async def cleanup(self, restart: bool = False) -> None:
        """Let go of a forked kernel's connection to the server, then LocalProvisioner's."""
        if self._forked is not None:
            self._forked.close()
            self._forked = None
        await super().cleanup(restart=restart)
