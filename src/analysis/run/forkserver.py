"""A fork server for notebook kernels: warm kernels without forking a threaded process.

A brief kernel imports pandas, Altair, IPython and the package and loads jieba's dictionary
(~2 s of CPU) before its first cell. The fork server is a small process, started as a fresh
interpreter before anything in it could start a thread, that does those imports once and then
forks one kernel per request. It is the shape of multiprocessing's ``forkserver`` start method.

Forking is safe only from a process with one thread (CPython leaves a forked child with no
other thread, whatever locks those held), and native libraries start threads that
``threading`` cannot see: OpenBLAS its pool at import, pyarrow's jemalloc a background
thread. The server is started with both switched off (:data:`SINGLE_THREADED`), and before
each fork it counts its threads as the kernel sees them (``/proc/self/task``): with more than
one it refuses, and the caller launches an ordinary kernel instead (see
:class:`analysis.run.kernels.ForkServerProvisioner`).

Protocol, over a Unix socket (one connection per kernel): the client sends one JSON line
``{"argv", "env", "cwd"}``; the server answers ``{"pid": N}`` with a pidfd of the kernel
(``SCM_RIGHTS``), or ``{"refused": reason}``; when the kernel exits it sends ``{"exit": code}``
and closes. A client that goes away (its worker died) takes its kernel with it: the server
kills the kernel's process group.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

#: The environment variable that tells a worker's provisioner where the fork server listens.
ADDRESS_ENV = "ANALYSIS_FORK_SERVER"

#: Environment of the server process: libraries that would start a thread at import do not.
#: (Forked kernels keep these settings: single-threaded BLAS, no allocator background thread.)
SINGLE_THREADED = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JE_ARROW_MALLOC_CONF": "background_thread:false",
}

_PR_SET_PDEATHSIG = 1
_PR_SET_NAME = 15


def threads() -> int:
    """The threads of this process as the kernel counts them (native ones included)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc: cannot prove a single thread
        return 0


def _prctl(option: int, arg: int | bytes) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, arg)


def die_with_parent() -> None:
    """Linux: have this process SIGTERMed when its parent dies, even by ``kill -9``."""
    _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


# --- the server ------------------------------------------------------------------------------


def preload(names: Sequence[str]) -> str:
    """Import each ``module`` (or import ``module`` and call ``module:function``); '' when all
    went well, else the first error (the server then refuses to fork: the kernel, launched
    the ordinary way, shows the error in its cell)."""
    for name in names:
        module, _, func = name.partition(":")
        try:
            loaded = importlib.import_module(module)
            if func:
                getattr(loaded, func)()
        except Exception as e:  # noqa: BLE001 - reported to every client
            return f"preloading {name}: {type(e).__name__}: {e}"
    return ""


def _become_kernel(request: dict, inherited: list[int]) -> None:
    """In the forked child: shed the server's state, then run an IPython kernel (never
    returns)."""
    code = 1
    try:
        for fd in inherited:  # the server's sockets: the child must not hold them open
            with contextlib.suppress(OSError):
                os.close(fd)
        os.setsid()  # its own process group: interrupts and kills reach the kernel only
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL)
        die_with_parent()  # the server goes: its kernels go
        _prctl(_PR_SET_NAME, b"briefs-kernel")  # for ps -o comm, top and psutil.name()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.environ.clear()
        os.environ.update(request["env"])
        if request.get("cwd"):
            os.chdir(request["cwd"])
        argv = request["argv"][3:]  # after ``python -m ipykernel_launcher``
        # The kernel exits when its parent (this server) does, and prints no console banner.
        argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0
    except BaseException:  # noqa: BLE001 - the child must never return into the server
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def forkable(argv: Sequence[str]) -> bool:
    """Whether ``argv`` starts an IPython kernel with this very interpreter."""
    launcher = ["-m", "ipykernel_launcher"]
    return len(argv) > 3 and argv[0] == sys.executable and list(argv[1:3]) == launcher


def _send(conn: socket.socket, message: dict, fds: Sequence[int] = ()) -> None:
    data = (json.dumps(message) + "\n").encode()
    with contextlib.suppress(OSError):  # a client gone already
        if fds:
            socket.send_fds(conn, [data], list(fds))
        else:
            conn.sendall(data)


def _read_line(conn: socket.socket, limit: int = 1 << 24) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < limit:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


class _Server:
    """The server's loop: accept requests, fork kernels, report their exits."""

    def __init__(self, listener: socket.socket, problem: str) -> None:
        self.listener = listener
        self.problem = problem
        self.sel = selectors.DefaultSelector()
        self.sel.register(listener, selectors.EVENT_READ, ("accept", None))
        self.kernels: dict[int, tuple[int, socket.socket | None]] = {}  # pidfd → (pid, conn)

    def _inherited(self) -> list[int]:
        fds = [self.listener.fileno(), self.sel.fileno()]  # type: ignore[attr-defined]
        for pidfd, (_, conn) in self.kernels.items():
            fds.append(pidfd)
            if conn is not None:
                fds.append(conn.fileno())
        return fds

    def serve(self) -> None:
        while True:
            for key, _ in self.sel.select():
                what, pidfd = key.data
                if what == "accept":
                    self._accept()
                elif what == "exit":
                    self._reap(pidfd)
                else:  # the client's connection: readable only when it went away
                    self._client_gone(pidfd)

    def _accept(self) -> None:
        conn, _ = self.listener.accept()
        try:
            request = json.loads(_read_line(conn) or b"null")
        except ValueError:
            request = None
        reason = self._refusal(request)
        if reason:
            _send(conn, {"refused": reason})
            conn.close()
            return
        inherited = [*self._inherited(), conn.fileno()]
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, inherited)
        pidfd = os.pidfd_open(pid)
        _send(conn, {"pid": pid}, [pidfd])
        self.kernels[pidfd] = (pid, conn)
        self.sel.register(pidfd, selectors.EVENT_READ, ("exit", pidfd))
        self.sel.register(conn, selectors.EVENT_READ, ("client", pidfd))

    def _refusal(self, request: object) -> str:
        if not isinstance(request, dict) or not isinstance(request.get("env"), dict):
            return "not a kernel request"
        if not forkable(request.get("argv") or []):
            return "not an ipykernel command line of this interpreter"
        if self.problem:
            return self.problem
        n = threads()
        if n != 1:
            return f"the fork server runs {n} threads: forking it would be unsafe"
        return ""

    def _client_gone(self, pidfd: int) -> None:
        pid, conn = self.kernels[pidfd]
        if conn is not None:
            self.sel.unregister(conn)
            conn.close()
            self.kernels[pidfd] = (pid, None)
        with contextlib.suppress(OSError):  # its worker died: the kernel goes too
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
            os.killpg(pid, signal.SIGKILL)

    def _reap(self, pidfd: int) -> None:
        pid, conn = self.kernels.pop(pidfd)
        self.sel.unregister(pidfd)
        _, status = os.waitpid(pid, 0)
        os.close(pidfd)
        if conn is not None:
            self.sel.unregister(conn)
            _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
            conn.close()


def main(argv: Sequence[str]) -> None:
    """``python -m analysis.run.forkserver FD MODULE...``: serve on the listening socket
    ``FD`` (bound by the parent), after preloading the modules."""
    die_with_parent()
    # Ctrl-C reaches the whole process group: the batch decides, and stops this server.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    listener = socket.socket(fileno=int(argv[0]))
    problem = preload(argv[1:])
    # What was just imported lives as long as the server, and in every kernel forked from it:
    # out of the garbage collector's sight, a full collection no longer walks it.
    gc.collect()
    gc.freeze()
    _Server(listener, problem).serve()


# --- the parent's side -----------------------------------------------------------------------


@dataclass
class ForkServer:
    """A running fork server: its process and the socket path clients connect to."""

    process: subprocess.Popen
    address: str

    def stop(self) -> None:
        """Stop the server (its kernels follow it) and remove its socket."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            os.unlink(self.address)
            os.rmdir(os.path.dirname(self.address))


def start(modules: Sequence[str]) -> ForkServer:
    """Start a fork server that preloads ``modules`` (``module`` or ``module:function``).

    Returns at once: the socket is bound here, so a client that connects while the server
    still imports waits in the listen queue for its kernel rather than finding no server.
    """
    folder = tempfile.mkdtemp(prefix="briefs-forkserver-")  # 0700: this user's only
    address = os.path.join(folder, "socket")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen(64)
        process = subprocess.Popen(
            [sys.executable, "-m", "analysis.run.forkserver", str(listener.fileno()), *modules],
            pass_fds=[listener.fileno()],
            env={**os.environ, **SINGLE_THREADED},
            stdin=subprocess.DEVNULL,
            # Neither the server nor its kernels hold the caller's pipes open (a caller
            # reading them waits for EOF); what matters reaches the client on the socket.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        listener.close()
    return ForkServer(process, address)


# --- a client's side -------------------------------------------------------------------------


class ForkedKernel:
    """A kernel forked by the server: the part of ``subprocess.Popen``'s interface that
    jupyter_client's :class:`~jupyter_client.provisioning.LocalProvisioner` uses.

    Not this process's child: it is signalled through a pidfd (never a recycled pid), and
    its exit status comes from the server.
    """

    stdin = stdout = stderr = None

    def __init__(self, conn: socket.socket, pid: int, pidfd: int) -> None:
        self._conn: socket.socket | None = conn
        self._pidfd: int | None = pidfd
        self.pid = pid
        self.returncode: int | None = None

    def _exited(self, timeout: float | None) -> bool:
        if self._conn is None:
            return True
        self._conn.settimeout(timeout)
        try:
            line = _read_line(self._conn)
        except (TimeoutError, BlockingIOError):
            return False
        except OSError:
            line = b""
        try:
            self.returncode = int(json.loads(line)["exit"])
        except (ValueError, KeyError, TypeError):  # the server died: so did its kernel
            self.returncode = -signal.SIGTERM
        self.close()
        return True

    def poll(self) -> int | None:
        """The exit status once the kernel has exited, else ``None``."""
        if self.returncode is None:
            self._exited(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Block until the kernel exits (``subprocess.TimeoutExpired`` after ``timeout`` s)."""
        if self.returncode is None and not self._exited(timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Signal the kernel (``ProcessLookupError`` once it has exited)."""
        if self._pidfd is None or self.poll() is not None:
            raise ProcessLookupError(f"kernel {self.pid} has exited")
        signal.pidfd_send_signal(self._pidfd, signum)

    def terminate(self) -> None:
        """SIGTERM."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)

    def close(self) -> None:
        """Let go of the connection and the pidfd (a kernel still running is killed)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


def request(
    address: str, argv: Sequence[str], env: dict[str, str], cwd: str | None
) -> ForkedKernel | str:
    """Ask the server at ``address`` for a kernel running ``argv``: the kernel, or why not
    (no server there, a refusal) for the caller to launch one the ordinary way."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(address)
        conn.sendall((json.dumps({"argv": list(argv), "env": env, "cwd": cwd}) + "\n").encode())
        msg, fds, _, _ = socket.recv_fds(conn, 1 << 16, 1)
        reply = json.loads(msg or b"null")
    except (OSError, ValueError) as e:
        conn.close()
        return f"no fork server at {address}: {e}"
    if not isinstance(reply, dict) or "pid" not in reply or not fds:
        conn.close()
        for fd in fds:
            os.close(fd)
        return str(reply.get("refused") if isinstance(reply, dict) else reply)
    return ForkedKernel(conn, int(reply["pid"]), fds[0])


if __name__ == "__main__":
    main(sys.argv[1:])
