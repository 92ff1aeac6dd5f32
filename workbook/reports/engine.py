"""A papermill engine that runs a notebook inside the current process, without a kernel.

Starting a Jupyter kernel and importing pandas and matplotlib into it costs seconds; running a
small report costs a fraction of one. This engine runs each code cell with IPython's own
``InteractiveShell`` (the same shell a kernel wraps) and records what the cell displays,
prints or raises as ordinary nbformat outputs, so the executed notebook is the one a kernel
would have produced: papermill injects the parameters, stamps its metadata and raises
:class:`papermill.PapermillExecutionError` on a failing cell, exactly as with its own engine.

It is meant to run in a fresh child process per notebook (see :mod:`workbook.reports.runner`):
the shell is a process-wide singleton, and a fresh process is what keeps one report's
namespace away from the next.

Examples
--------
>>> import nbformat, papermill
>>> from workbook.reports.engine import ENGINE_NAME, register
>>> register()
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")])
>>> nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
>>> out = papermill.execute_notebook(nb, None, engine_name=ENGINE_NAME, progress_bar=False)
>>> out.cells[0].outputs[0]["data"]["text/plain"]
'42'
"""

from __future__ import annotations

import base64
import contextlib
import importlib.abc
import importlib.util
import io
import sys

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_output
from papermill.engines import Engine, papermill_engines
from traitlets.config import Config

#: Name under which the engine is registered with papermill.
ENGINE_NAME = "workbook-inprocess"


def _clean(data: dict) -> dict:
    """Make a MIME bundle JSON-safe: bytes (PNG, JPEG) become base64 text, as a kernel sends."""
    out = {}
    for mime, value in (data or {}).items():
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        out[mime] = value
    return out


class _Outputs:
    """The outputs of the cell being run, merged the way Jupyter merges them."""

    def __init__(self):
        self.items = []

    def add(self, output) -> None:
        self.items.append(output)

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.items[-1] if self.items else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.items.append(new_output("stream", name=name, text=text))

    def clear(self) -> None:
        self.items.clear()


class _Stream(io.TextIOBase):
    """A text stream whose writes become ``stream`` outputs of the current cell."""

    def __init__(self, outputs: _Outputs, name: str):
        self._outputs, self.name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        self._outputs.stream(self.name, str(text))
        return len(text)


class _Publisher(DisplayPublisher):
    """``display(...)`` records a ``display_data`` output instead of sending a message."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        self.shell.outputs.add(
            new_output("display_data", data=_clean(data), metadata=metadata or {})
        )

    def clear_output(self, wait=False):
        self.shell.outputs.clear()


class _Hook(DisplayHook):
    """A cell's last expression becomes an ``execute_result`` output, not ``Out[n]:`` text."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.shell.outputs.add(
            new_output(
                "execute_result",
                data=_clean(format_dict),
                metadata=md_dict or {},
                execution_count=self.prompt_count,
            )
        )

    def finish_displayhook(self):
        self._is_active = False


class _Shell(InteractiveShell):
    """An InteractiveShell that records outputs and errors as nbformat outputs."""

    display_pub_class = _Publisher
    displayhook_class = _Hook

    def __init__(self, **kwargs):
        self.outputs = _Outputs()
        super().__init__(**kwargs)

    def _showtraceback(self, etype, evalue, stb):
        self.outputs.add(
            new_output(
                "error",
                ename=getattr(etype, "__name__", str(etype)),
                evalue=str(evalue),
                traceback=list(stb),
            )
        )

    def enable_gui(self, gui=None):
        """No event loop to integrate with: figures are recorded, not shown."""

    def showsyntaxerror(self, filename=None, running_compiled_code=False):
        etype, value, _ = sys.exc_info()
        self._showtraceback(etype, value, [f"{etype.__name__}: {value}"])


def new_shell() -> _Shell:
    """Create this process's shell: no history file, no colours, matplotlib inline.

    Raises
    ------
    RuntimeError
        If another InteractiveShell already runs in this process (use a fresh process).
    """
    if InteractiveShell.initialized():
        if isinstance(InteractiveShell.instance(), _Shell):
            return InteractiveShell.instance()
        raise RuntimeError("an IPython shell already runs in this process; use a fresh process")
    config = Config()
    config.HistoryManager.enabled = False
    config.HistoryManager.hist_file = ":memory:"
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    shell = _Shell.instance(config=config)
    if "matplotlib" in sys.modules:
        shell.enable_matplotlib("inline")
    else:  # most reports draw no matplotlib figure: pay for it (0.3 s) only in those that do
        sys.meta_path.insert(0, _InlineFiguresOnImport(shell))
    return shell


class _InlineFiguresOnImport(importlib.abc.MetaPathFinder):
    """Turn on inline figures the moment anything first imports matplotlib.

    The same as :meth:`InteractiveShell.enable_matplotlib` before the first cell, as a kernel
    started with ``%matplotlib inline`` does, but only in a process that uses matplotlib:
    right after ``matplotlib`` itself is executed, before the importing code goes on.
    """

    def __init__(self, shell):
        self.shell, self._looking = shell, False

    def find_spec(self, name, path=None, target=None):
        if name != "matplotlib" or self._looking:
            return None
        self._looking = True
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self._looking = False
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _ThenEnable(spec.loader, self)
        return spec

    def enable(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        self.shell.enable_matplotlib("inline")


class _ThenEnable(importlib.abc.Loader):
    """A module's own loader, then :meth:`_InlineFiguresOnImport.enable`."""

    def __init__(self, loader, finder):
        self.loader, self.finder = loader, finder

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        module.__spec__.loader = module.__loader__ = self.loader
        self.finder.enable()


def run_cell(shell: _Shell, source: str) -> list:
    """Run one cell's code; return its outputs (an ``error`` output if it raised)."""
    shell.outputs = _Outputs()
    out, err = _Stream(shell.outputs, "stdout"), _Stream(shell.outputs, "stderr")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = shell.run_cell(source, store_history=True)
    outputs = shell.outputs.items
    if not result.success and not any(o.output_type == "error" for o in outputs):
        exc = result.error_in_exec or result.error_before_exec
        outputs.append(
            new_output(
                "error", ename=type(exc).__name__, evalue=str(exc), traceback=[repr(exc)]
            )
        )
    return outputs


class InProcessEngine(Engine):
    """Papermill engine: run the cells in this process's IPython shell."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        """Run every code cell in order; stop at the first that raises."""
        shell = new_shell()
        for index, cell in enumerate(nb_man.nb.cells):
            if cell.cell_type != "code":
                continue
            nb_man.cell_start(cell, index)
            cell.outputs = run_cell(shell, cell.source)
            cell.execution_count = shell.execution_count - 1
            failed = any(o.output_type == "error" for o in cell.outputs)
            if failed:
                nb_man.cell_exception(cell, index)
            nb_man.cell_complete(cell, index)
            if failed:
                break


def register() -> None:
    """Make the engine known to papermill as :data:`ENGINE_NAME`."""
    papermill_engines.register(ENGINE_NAME, InProcessEngine)
