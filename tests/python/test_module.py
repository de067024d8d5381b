"""`import aiplus`: runs in this process give the CLI's numbers bit for bit, bad input
raises ConfigError located as the CLI prints it, an interrupt stops a run cleanly, and
nothing leaks over many runs.

Run by CTest with PYTHONPATH=build/python, AIPLUS (the binary) and AIPLUS_SOURCE set.
"""
import _thread
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time

import h5py
import numpy as np
import pytest
import xarray as xr

import aiplus

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from test_calibrate import write_calibration  # noqa: E402
from test_cli import datasets  # noqa: E402  every dataset of a file as bytes

AIPLUS = os.environ.get("AIPLUS", "build/aiplus")
SOURCE = os.environ.get("AIPLUS_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
AI_PLUS = os.path.join(SOURCE, "configs", "ai_plus.toml")
BASS = os.path.join(SOURCE, "configs", "bass.toml")


def cli(*args):
    r = subprocess.run([AIPLUS, *args], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def cli_file(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "run.h5")
    cli("run", AI_PLUS, "--firms", "20000", "-o", path, "-q")
    return path


@pytest.mark.parametrize("threads", [1, 2])
def test_a_run_gives_the_cli_files_arrays_bit_for_bit(cli_file, threads):
    r = aiplus.run(AI_PLUS, firms=20000, threads=threads, progress=False)
    assert r.complete and r.months == 132 and r.attrs["agents"] == 20000
    with h5py.File(cli_file, "r") as f:
        groups = [g for g in f if isinstance(f[g], h5py.Group)]
        assert sorted(groups) == sorted(r.groups)
        for g in groups:
            for name, d in f[g].items():
                mine = r.groups[g][name]
                if d.dtype.kind == "f":
                    assert mine.values.tobytes() == d[()].tobytes(), f"{g}/{name}"
                    assert mine.attrs["units"] == d.attrs["units"] and mine.attrs["long_name"] == d.attrs["long_name"]
        for g in groups:  # and as xarray reads the file: names, coordinates, units, long names
            with xr.open_dataset(cli_file, engine="h5netcdf", group=g) as ds:
                xr.testing.assert_identical(r.groups[g], ds.load())


def test_firm_panels_are_the_files_panel_group(tmp_path):
    panels = ["2025-06", "2026-01"]
    r = aiplus.run(AI_PLUS, firms=3000, steps=12, set={"output.panels": panels}, progress=False)
    path = tmp_path / "panels.h5"
    cli("run", AI_PLUS, "--firms", "3000", "--steps", "12", "--set", f"output.panels={json.dumps(panels)}",
        "-o", str(path), "-q")
    with xr.open_dataset(path, engine="h5netcdf", group="panel") as ds:
        xr.testing.assert_identical(r.panel, ds.load())
    assert datasets(r.save(tmp_path / "saved.h5")) == datasets(path)


def test_save_writes_the_file_the_cli_writes(cli_file, tmp_path):
    r = aiplus.run(AI_PLUS, firms=20000, progress=False)
    out = r.save(tmp_path / "saved.h5")
    assert datasets(out) == datasets(cli_file)
    with pytest.raises(ValueError, match="pass --force"):
        r.save(out)
    r.save(out, force=True)


def test_a_config_as_a_dict_toml_text_or_path_with_overrides_is_the_same_config(tmp_path):
    text = '[simulation]\nmodel = "bass"\nfirms = 3000\nsteps = 12\n[adoption]\np = 0.02\n'
    path = tmp_path / "c.toml"
    path.write_text(text)
    as_dict = {"simulation": {"model": "bass", "firms": 3000, "steps": 12}, "adoption.p": 0.02}
    runs = [aiplus.run(c, progress=False) for c in (text, as_dict, path, str(path))]
    for other in runs[1:]:
        xr.testing.assert_identical(other.national, runs[0].national)
    changed = aiplus.run(path, set={"adoption.q": 0.5}, seed=3, progress=False)
    assert changed.config["adoption"]["q"] == 0.5 and changed.attrs["seed"] == 3
    cli_out = tmp_path / "cli.h5"
    cli("run", str(path), "--set", "adoption.q=0.5", "--seed", "3", "-o", str(cli_out), "-q")
    assert changed.national.adoption_share.values.tobytes() == h5py.File(cli_out)["national/adoption_share"][()].tobytes()


def test_bad_input_raises_config_error_where_the_cli_locates_it(tmp_path):
    with pytest.raises(aiplus.ConfigError) as e:
        aiplus.run('[simulation]\nmodel = "bass"\n[adoption]\nnope = 1\n', progress=False)
    assert (e.value.file, e.value.line, e.value.column) == ("<config>", 4, 1)
    assert "nope" in e.value.message
    path = tmp_path / "bad.toml"
    path.write_text("[simulation]\nfirms = -5\n")
    with pytest.raises(aiplus.ConfigError) as e:
        aiplus.run(path, progress=False)
    r = subprocess.run([AIPLUS, "validate", str(path)], capture_output=True, text=True)
    assert r.returncode == 2 and str(e.value.diagnostics[0]) in r.stderr
    assert (e.value.file, e.value.line) == (str(path), 2)
    with pytest.raises(aiplus.ConfigError, match="adoption.nope"):
        aiplus.run(BASS, set={"adoption.nope": 1}, progress=False)
    with pytest.raises(aiplus.ConfigError):
        aiplus.run(BASS, firms=0, progress=False)


def test_an_interrupt_from_another_thread_stops_the_run_at_a_month_end():
    def interrupt_once(done, total):
        if done == 5:
            threading.Thread(target=_thread.interrupt_main).start()
    with pytest.raises(aiplus.RunInterrupted) as e:
        aiplus.run(BASS, firms=200000, steps=1200, set={"adoption.q": 0.0, "adoption.p": 0.0001},
                   threads=1, progress=interrupt_once)
    result = e.value.result
    assert isinstance(e.value, KeyboardInterrupt)
    assert not result.complete and 5 <= result.months < 1200
    assert result.national.sizes["time"] == result.months + 1
    assert np.all(np.isfinite(result.national.adoption_share.values))
    assert aiplus.run(BASS, firms=1000, steps=3, progress=False).complete  # and the next run runs


def test_the_progress_bar_shows_and_can_be_turned_off(capsys):
    aiplus.run(BASS, firms=1000, steps=24, progress=False)
    assert capsys.readouterr().err == ""
    aiplus.run(BASS, firms=1000, steps=24, progress=True)
    assert "month" in capsys.readouterr().err


def test_params_and_outputs_are_the_clis_tables():
    table = aiplus.params("bass")
    keys = [row["key"] for row in json.loads(cli("params", "--model", "bass", "--json"))]
    assert list(table.index) == keys
    assert table.loc["simulation.firms", "unit"] == "agents"
    assert table.loc["adoption.p", "valid_min"] <= table.loc["adoption.p", "default"] <= table.loc["adoption.p", "valid_max"]
    paths = [d["path"] for d in json.loads(cli("outputs", AI_PLUS, "--json"))["datasets"]]
    assert list(aiplus.outputs(AI_PLUS).index) == paths


def test_open_reads_run_and_sweep_files(cli_file, tmp_path):
    f = aiplus.open(cli_file)
    assert f.attrs["agents"] == 20000 and f.config["simulation"]["firms"] == 20000
    with xr.open_dataset(cli_file, engine="h5netcdf", group="segment") as ds:
        xr.testing.assert_identical(f.segments, ds.load())
    experiment = tmp_path / "e.toml"
    experiment.write_text(f'scenario = "{BASS}"\nreplicates = 2\n[set]\n"simulation.firms" = 1000\n'
                          '"simulation.steps" = 6\n')
    sweep = tmp_path / "sweep.h5"
    cli("sweep", str(experiment), "-o", str(sweep), "-q")
    s = aiplus.open(sweep)
    assert s.complete and list(s.runs.agents.values) == [1000, 1000]
    assert s.national.adoption_share.shape == (2, 7)


def assert_same_groups(mine, path):
    with h5py.File(path, "r") as f:
        names = []
        f.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Group) else None)
    assert sorted(mine.groups) == sorted(names)
    for name in names:
        with xr.open_dataset(path, engine="h5netcdf", group=name) as ds:
            xr.testing.assert_identical(mine.groups[name], ds.load())


def test_a_sweep_and_a_calibration_give_their_cli_files(tmp_path):
    experiment = tmp_path / "e.toml"
    experiment.write_text(f'scenario = "{BASS}"\nreplicates = 3\n[set]\n"simulation.firms" = 2000\n'
                          '"simulation.steps" = 12\n[[arm]]\nname = "a"\n[[arm]]\nname = "b"\n'
                          'set = { "adoption.q" = 0.5 }\n')
    cli("sweep", str(experiment), "-o", str(tmp_path / "sweep.h5"), "-q")
    assert_same_groups(aiplus.sweep(experiment), tmp_path / "sweep.h5")
    kept = aiplus.sweep(experiment, output=tmp_path / "kept.h5", threads=1)
    assert datasets(tmp_path / "kept.h5") == datasets(tmp_path / "sweep.h5") and kept.complete
    calibration = write_calibration(str(tmp_path), particles=8, generations=2, batch=8, firms=500)
    cli("calibrate", calibration, "-o", str(tmp_path / "calib.h5"), "-q")
    assert_same_groups(aiplus.calibrate(calibration), tmp_path / "calib.h5")
    bad = tmp_path / "bad.toml"
    bad.write_text(f'scenario = "{BASS}"\n[set]\n"adoption.nope" = 1\n')
    with pytest.raises(aiplus.ConfigError) as e:
        aiplus.sweep(bad)
    assert e.value.file == str(bad) and "adoption.nope" in e.value.message
    with pytest.raises(aiplus.ConfigError, match="file exists"):
        aiplus.sweep(experiment, output=tmp_path / "kept.h5")


def test_ctrl_c_stops_a_sweep_after_the_runs_in_flight_and_python_gets_its_handler_back(tmp_path):
    experiment = tmp_path / "long.toml"
    experiment.write_text(f'scenario = "{BASS}"\nreplicates = 400\n[set]\n"simulation.firms" = 20000\n'
                          '"simulation.steps" = 24\n')
    out = tmp_path / "long.h5"

    def ctrl_c_once_the_file_is_there():
        while not out.exists():
            time.sleep(0.005)
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=ctrl_c_once_the_file_is_there).start()
    with pytest.raises(aiplus.RunInterrupted) as e:
        aiplus.sweep(experiment, output=out)
    done = int(e.value.result.national.done.sum())
    assert not e.value.result.complete and done < 400
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    r = subprocess.run([AIPLUS, "sweep", str(experiment), "-o", str(out), "--resume", "-q"], capture_output=True)
    assert r.returncode == 0 and int(aiplus.open(out).national.done.sum()) == 400


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_a_thousand_runs_leak_neither_objects_nor_memory():
    def some_runs(n):
        for seed in range(n):
            r = aiplus.run(BASS, firms=200, steps=12, seed=seed + 1, progress=False)
            assert r.complete
        del r
        gc.collect()
    some_runs(100)  # warm: caches, allocator pools
    objects, memory = len(gc.get_objects()), rss_bytes()
    some_runs(1000)
    assert len(gc.get_objects()) - objects < 200
    assert rss_bytes() - memory < 16 << 20


def test_the_quickstart_notebook_runs(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    r = subprocess.run(["jupyter-nbconvert", "--to", "notebook", "--execute",
                        os.path.join(SOURCE, "notebooks", "quickstart.ipynb"), "--output-dir", str(tmp_path),
                        "--output", "executed"], capture_output=True, text=True, timeout=600, env=env,
                       cwd=os.path.join(SOURCE, "notebooks"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "executed.ipynb").exists()


def test_a_refused_command_leaves_no_claim_and_no_inputs_behind(tmp_path):
    import resource
    experiment = tmp_path / "e.toml"
    experiment.write_text(f'scenario = "{BASS}"\nreplicates = 50\n[set]\n"simulation.firms" = 1000\n')
    target = tmp_path / "target.h5"
    target.write_text("an old file\n")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, hard))  # the sweep would not fit: refused
    try:
        with pytest.raises(aiplus.ConfigError, match="file size limit"):
            aiplus.sweep(experiment, output=target, force=True)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert target.read_text() == "an old file\n"
    # Another process may now replace it: this one holds no claim on it any more.
    cli("run", BASS, "--firms", "1000", "--steps", "2", "-o", str(target), "--force", "-q")
    # A file this process read for an earlier command is no input of the next: the
    # sweep's experiment may be replaced by a later run's file when asked to.
    aiplus.sweep(experiment, output=tmp_path / "s.h5")
    aiplus.run(BASS, firms=1000, steps=2, progress=False).save(experiment, force=True)
    assert aiplus.open(experiment).complete
