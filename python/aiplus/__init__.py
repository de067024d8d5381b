"""aiplus in a notebook: the model runs in this process and returns xarray datasets.

    import aiplus
    r = aiplus.run("configs/ai_plus.toml", firms=20_000)
    r.national.adoption_share.plot()

`run` takes a config as a path, a TOML string or a dict, with the overrides of the
command line (`set=`, `seed=`, `firms=`, `steps=`); its result holds each output group
as an `xarray.Dataset` (`r.national`, `r.segment`, ...) with the names, units, long
names and coordinates of the file `aiplus run` writes, and `r.save(path)` writes that
file. `sweep` and `calibrate` run experiments and calibrations as the commands do and
return their files' groups the same way; `open` reads any aiplus file; `params` and `outputs` list the keys and the
datasets as pandas DataFrames. Bad input raises `ConfigError`; Ctrl-C stops a run at
the end of the month and raises `RunInterrupted` with the months done.
"""
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from . import _aiplus, _toml
from .errors import ConfigError, Diagnostic, RunInterrupted

__all__ = ["run", "sweep", "calibrate", "open", "params", "outputs", "Result", "ConfigError", "Diagnostic", "RunInterrupted"]


def _source(config):
    """(text or path, is_text) for the engine: a dict or TOML text is text; a path is a
    path (a str that names a .toml file, or any os.PathLike); None is the defaults."""
    if config is None:
        return "", True
    if isinstance(config, dict):
        return _toml.dumps(config), True
    if isinstance(config, os.PathLike):
        return os.fspath(config), False
    if isinstance(config, str):
        looks_like_path = "\n" not in config and "=" not in config and config.strip().endswith(".toml")
        return (config, not looks_like_path)
    raise TypeError(f"config must be a path, TOML text or a dict, not {type(config).__name__}")


def _overrides(set):
    """`set=` as KEY=VALUE strings: a dict's values are written as TOML."""
    if set is None:
        return []
    if isinstance(set, dict):
        return [f"{key}={_toml._value(value)}" for key, value in set.items()]
    return [str(s) for s in set]


def _time_coordinate(values, units, long_name="time (state at the start of each month)"):
    """The time coordinate as xarray decodes the file's: dates from "days since
    YYYY-MM-DD" (the units and calendar move to its encoding), or plain steps."""
    values = np.asarray(values, dtype=np.int32)
    if not units:
        return xr.Variable("time", values, {"units": "steps", "long_name": long_name})
    start = np.datetime64(units.split("since ", 1)[1].strip(), "ns")
    dates = start + values.astype("timedelta64[D]").astype("timedelta64[ns]")
    return xr.Variable("time", dates, {"long_name": long_name},
                       encoding={"units": units, "calendar": "proleptic_gregorian", "dtype": np.dtype("int32")})


def _group_dataset(group, values, info):
    """One output group as the dataset xarray reads from the file's group."""
    dims = ["time"] + [name for name, _ in group["dimensions"]]
    coords = {"time": _time_coordinate(info["time"], info["time_units"])}
    for name, labels in group["dimensions"]:
        coords[name] = (name, np.asarray(labels, dtype=object), {"long_name": name})
    data = {}
    for k, s in enumerate(group["series"]):
        attrs = {"units": s["units"], "long_name": s["long_name"]}
        if s["definition"]:
            attrs["definition"] = s["definition"]
        attrs.update(s["attributes"])
        data[s["name"]] = xr.Variable(dims, values[k], attrs)
    return xr.Dataset(data, coords=coords)


def _panel_dataset(panels, info):
    steps, attributes, snapshots = panels
    time = [info["time"][s] if s < len(info["time"]) else s for s in steps]
    coords = {"time": _time_coordinate(time, info["time_units"],
                                       "date of the snapshot (state at the start of the month)"),
              "firm": ("firm", np.arange(len(attributes[0][1]) if attributes else 0, dtype=np.uint32),
                       {"long_name": info["firm_order"] or "firm index"})}
    data = {}

    def attrs(units, long_name, labels):  # as the file's: CF flags say what each code means
        out = {"units": units, "long_name": long_name}
        if labels:
            out["flag_meanings"] = " ".join(labels)
        return out
    for name, values, units, long_name, labels in attributes:
        data[name] = (("firm",), values, attrs(units, long_name, labels))
    for k, (name, _, units, long_name, labels) in enumerate(snapshots[0] if snapshots else []):
        data[name] = (("time", "firm"), np.stack([s[k][1] for s in snapshots]), attrs(units, long_name, labels))
    return xr.Dataset(data, coords=coords)


class _Lazy(Mapping):
    """Datasets by name, each built the first time it is read (most loops read one)."""

    def __init__(self, makers):
        self._makers, self._made = makers, {}

    def __getitem__(self, name):
        if name not in self._made:
            self._made[name] = self._makers[name]()
        return self._made[name]

    def __iter__(self):
        return iter(self._makers)

    def __len__(self):
        return len(self._makers)


class _Groups:
    """Groups by name as attributes: r.national, r.segment (r.segments too), r["bands"]."""

    def __getattr__(self, name):
        groups = self.__dict__.get("groups", {})
        if name in groups:
            return groups[name]
        if name.endswith("s") and name[:-1] in groups:
            return groups[name[:-1]]
        raise AttributeError(f"{name!r}: this result has the groups {', '.join(groups)}")

    def __getitem__(self, name):
        return self.groups[name]

    def __dir__(self):
        return list(super().__dir__()) + list(self.groups)


class Result(_Groups):
    """One run. `groups` maps each output group's name to its xarray.Dataset; `attrs`
    holds what the file's root attributes hold (seed, agents, version, ...); `config` is
    the resolved config as a dict; `complete` is False when the run was stopped, and
    `months` counts the months done."""

    def __init__(self, recording):
        self._recording = recording
        info = recording.info()
        self.attrs = {k: info[k] for k in ("seed", "agents", "version", "threads", "complete",
                                             "start_date", "steps_requested")}
        self.attrs["config"] = info["config"]
        self.complete, self.months = bool(info["complete"]), int(info["steps_done"])
        self.summary = dict(info["summary"])
        makers = {}
        for k, g in enumerate(recording.groups()):
            makers[g["name"]] = (lambda g=g, k=k: _group_dataset(g, recording.values(k), info))
        if makers:  # the file keeps the summary as attributes of its first group
            first, make = next(iter(makers.items()))
            makers[first] = lambda make=make: make().assign_attrs(self.summary)
        if recording.panels()[0]:
            makers["panel"] = lambda: _panel_dataset(recording.panels(), info)
        self.groups = _Lazy(makers)

    @property
    def config(self):
        """The resolved config, every key, as a dict (tomllib)."""
        return tomllib.loads(self.attrs["config"])

    def save(self, path, force=False):
        """Writes the file `aiplus run` writes for this run (under a temporary name,
        renamed at the end; an existing file is replaced only with force=True)."""
        self._recording.save(os.fspath(path), force)
        return path

    to_netcdf = save

    def __repr__(self):
        state = "complete" if self.complete else f"stopped after {self.months} months"
        return (f"<aiplus.Result: seed {self.attrs['seed']}, {self.attrs['agents']:,} agents, "
                f"{self.months} months from {self.attrs['start_date']} ({state}); groups {', '.join(self.groups)}>")


class _Bar:
    """A tqdm bar, made at the first month the engine reports (which also gives the
    months to go), so that no config is read twice to learn its length."""

    def __init__(self, description):
        self.description, self.bar = description, None

    def __call__(self, done, total):
        if self.bar is None:
            from tqdm.auto import tqdm
            self.bar = tqdm(total=total, unit="month", desc=self.description, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()


def run(config=None, set=None, firms=None, seed=None, steps=None, threads=None, groups=None, progress=True):
    """Runs a scenario in this process and returns its Result.

    config: a path (a str ending in .toml, or a pathlib.Path), TOML text, a dict
        ({"industry": {"subsidy_rate": 0.3}} or {"industry.subsidy_rate": 0.3}), or None
        for the defaults (the baseline: every lever off).
    set: overrides, {"KEY": value} or ["KEY=VALUE", ...] (VALUE in TOML), as --set.
    firms, seed, steps: as --firms, --seed, --steps.
    threads: worker threads (default: all cores); results are identical for any number.
    groups: the output groups to keep (default: all), e.g. ["national"].
    progress: a tqdm bar while it runs (False: none; a callable: called as
        progress(months done, months) after every month).

    Raises ConfigError on bad input and RunInterrupted (a KeyboardInterrupt) when
    stopped, with the months done in its `.result`."""
    source, is_text = _source(config)
    overrides = _overrides(set)
    bar = _Bar("aiplus run") if progress and not callable(progress) else None
    update = progress if callable(progress) else bar
    try:
        recording, interrupted = _aiplus.run(source, is_text, overrides, seed, firms, steps, threads or 0,
                                             list(groups or []), update)
    finally:
        if bar is not None:
            bar.close()
    result = Result(recording)
    if interrupted:
        raise RunInterrupted(result)
    return result


class File(_Groups):
    """An aiplus file read into memory: `attrs` are its root attributes, `groups` its
    groups as xarray.Datasets, by path ("national", "contrasts/factorial", ...)."""

    def __init__(self, path):
        self.path = os.fspath(path)
        with h5py.File(self.path, "r") as f:
            self.attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
            names = []
            f.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Group) else None)
        self.groups = {}
        for name in names:
            with xr.open_dataset(self.path, engine="h5netcdf", group=name) as ds:
                self.groups[name] = ds.load()
        self.complete = int(self.attrs.get("complete", 0)) == 1

    @property
    def config(self):
        """A run's resolved config as a dict (None for a sweep or calibration file)."""
        return tomllib.loads(self.attrs["config"]) if "config" in self.attrs else None

    def __repr__(self):
        return f"<aiplus.File {self.path}: groups {', '.join(self.groups)}>"


def open(path):
    """Reads any aiplus file (run, sweep, calibration) into memory: a File whose groups
    are xarray.Datasets, as `Result`'s are."""
    return File(path)


_LOCATED = re.compile(r"^(.+?):(\d+):(\d+): (.*)$")


def _command(name, call, output):
    """Runs a command of the command line in this process into `output` (None: a
    temporary file, read into memory and removed) and returns the File it wrote."""
    with tempfile.TemporaryDirectory(prefix="aiplus-") as folder:
        path = os.fspath(output) if output is not None else os.path.join(folder, name + ".h5")
        code, messages = call(path)
        if code == 2:
            located = [_LOCATED.match(line) for line in messages.splitlines()]
            if located and all(located):
                raise ConfigError([(m[1], int(m[2]), int(m[3]), m[4]) for m in located])
            raise ValueError(messages.strip() or f"aiplus {name}: bad input")
        if code not in (0, 130):
            raise RuntimeError(messages.strip() or f"aiplus {name} failed (exit code {code})")
        result = File(path)
    if code == 130:
        raise RunInterrupted(result, f"aiplus {name} stopped early; what it finished is in .result"
                                     + ("" if output is None else f" and in {output} (resume=True goes on)"))
    return result


def sweep(experiment, output=None, set=None, firms=None, steps=None, posterior=None, threads=None,
          force=False, resume=False):
    """Runs an experiment as `aiplus sweep` does, in this process, and returns its file as
    a File (groups national, segment, summary, contrasts, ... as xarray.Datasets).

    output: where the sweep file goes (None: a temporary file, read and removed);
    set, firms, steps, posterior, threads, force, resume: as the command's flags.
    Ctrl-C stops after the runs in flight and raises RunInterrupted with what is done."""
    return _command("sweep", lambda path: _aiplus.sweep(os.fspath(experiment), path, _overrides(set), firms, steps,
                                                        os.fspath(posterior) if posterior else "", threads or 0,
                                                        force, resume), output)


def calibrate(calibration, output=None, only=None, threads=None, force=False, resume=False):
    """Runs a calibration as `aiplus calibrate` does, in this process, and returns its file
    as a File (groups parameters, generations, posterior, ...).

    output: where the calibration file goes (None: a temporary file, read and removed);
    only: the populations to fit (--only); threads, force, resume: as the flags."""
    return _command("calibrate", lambda path: _aiplus.calibrate(os.fspath(calibration), path, list(only or []),
                                                                threads or 0, force, resume), output)


def params(model="firms"):
    """Every config key of `model` ("firms", "bass"; None for all) as a DataFrame: key,
    kind, default, unit, valid range, plausible range and its source, section, meaning."""
    rows = json.loads(_aiplus.params_json(model or ""))
    table = pd.DataFrame(rows)
    table[["valid_min", "valid_max"]] = pd.DataFrame(table.pop("valid").tolist(), index=table.index)
    plausible = table.pop("plausible").map(lambda p: p if p else [np.nan, np.nan])
    table[["plausible_min", "plausible_max"]] = pd.DataFrame(plausible.tolist(), index=table.index)
    return table.set_index("key")


def outputs(config=None, set=None):
    """Every dataset a run of `config` writes as a DataFrame: path, dimensions, units,
    long name, definition (the rows of `aiplus outputs`)."""
    source, is_text = _source(config)
    return pd.DataFrame(json.loads(_aiplus.outputs_json(source, is_text, _overrides(set)))["datasets"]).set_index("path")
