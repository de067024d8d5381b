"""Reliability of the `aiplus` command line: no lost or destroyed work, bounded input.

Kill-and-resume, concurrent writers, full disks (a file size limit stands in),
unbounded or hostile input, command-line errors. Trials that kill at a random
moment assert what must hold whenever the kill lands, so they do not depend on
timing; a process that must be caught in the act is stopped with SIGSTOP first.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
"""
import hashlib
import os
import random
import re
import resource
import signal
import stat
import subprocess
import time
import unittest

import h5py
import numpy as np

from test_cli import AIPLUS, BASS, LOCATED, SOURCE, TempDirTest, aiplus, datasets

AI_PLUS = os.path.join(SOURCE, "configs", "ai_plus.toml")
# Kill times are random; a failure names the seed, and AIPLUS_TEST_SEED=N replays it.
SEED = int(os.environ.get("AIPLUS_TEST_SEED") or int.from_bytes(os.urandom(4), "little"))
RANDOM = random.Random(SEED)
USAGE = re.compile(r"^aiplus: \S+: [^\n]+; expected [^\n]+$")
TRIALS = 6


def file_size_limit(size):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def temporary_files(folder):
    return [f for f in os.listdir(folder) if f.endswith(".tmp")]


def wait_for(predicate, seconds=60):
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


class Stopped:
    """A process caught in the act: SIGSTOPped once `ready()` holds, resumed on exit."""

    def __init__(self, args, ready):
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: ready() or self.p.poll() is not None)
        self.p.send_signal(signal.SIGSTOP)
        if self.p.poll() is not None or not ready():
            self.p.send_signal(signal.SIGCONT)
            raise AssertionError("the process ended before it could be stopped: make it longer")

    def finish(self, *signals):
        for s in signals:
            self.p.send_signal(s)
        self.p.send_signal(signal.SIGCONT)
        out, err = self.p.communicate(timeout=300)
        return self.p.returncode, out, err


class SweepTest(TempDirTest):
    def experiment(self, text):
        return self.write("experiment.toml", f'scenario = "{AI_PLUS}"\n' + text)

    def small_sweep(self):
        return self.experiment('replicates = 12\n[set]\n"simulation.firms" = 6000\n"simulation.steps" = 24\n'
                               '[[arm]]\nname = "a"\n[[arm]]\nname = "b"\nset = { "industry.soe_mandate" = 0.05 }\n')

    def long_sweep(self):
        return self.experiment('replicates = 200\n[set]\n"simulation.firms" = 10000\n"simulation.steps" = 24\n')

    def reference(self, exp):
        out = self.path("reference.h5")
        r = aiplus("sweep", exp, "-o", out, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def assert_done_runs_intact(self, path, reference):
        """Every run marked done holds the values of the uninterrupted sweep: finite, but
        where a series is NaN by definition (an empty segment, a level not reached)."""
        with h5py.File(path, "r") as f, h5py.File(reference, "r") as ref:
            done = np.flatnonzero(f["national/done"][:])
            for group in ("national", "segment", "skills"):
                for name, d in f[group].items():
                    if d.dtype.kind != "f" or d.ndim < 2:
                        continue
                    for r in done:
                        expected = ref[group][name][r]
                        self.assertTrue(np.all(np.isfinite(d[r]) == np.isfinite(expected)),
                                        f"run {r + 1} {group}/{name} is not finite where the whole sweep's is")
                        np.testing.assert_array_equal(d[r], expected, f"run {r + 1} {group}/{name}")
            return len(done)


class KillAndResume(SweepTest):
    def test_a_killed_sweep_keeps_every_run_marked_done_and_resumes_to_the_whole_file(self):
        exp = self.small_sweep()
        started = time.time()
        whole = self.reference(exp)
        duration = time.time() - started
        for trial in range(TRIALS):
            out = self.path(f"killed{trial}.h5")
            kill_after = RANDOM.uniform(0.0, 1.2 * duration)
            p = subprocess.Popen([AIPLUS, "sweep", exp, "-o", out, "-q"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(kill_after)
            p.kill()
            p.wait()
            with self.subTest(seed=SEED, trial=trial, kill_after=kill_after):
                if not os.path.exists(out):  # killed while laying the file out
                    continue
                self.assert_done_runs_intact(out, whole)
                r = aiplus("sweep", exp, "-o", out, "--resume", "-q")
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertNotIn("checksum", r.stderr)
                self.assertEqual(datasets(out), datasets(whole))

    def test_a_run_marked_done_whose_values_were_damaged_runs_again(self):
        exp = self.small_sweep()
        whole = self.reference(exp)
        out = self.path("damaged.h5")
        with open(whole, "rb") as f, open(out, "wb") as g:
            g.write(f.read())
        with h5py.File(out, "r+") as f:  # what a torn write could leave: done, but NaN
            f["national/adoption_share"][3] = np.full(f["national/adoption_share"].shape[1], np.nan)
            f.attrs["complete"] = 0
        r = aiplus("sweep", exp, "-o", out, "--resume", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("do not match their checksum", r.stderr)
        self.assertIn("run 4", r.stderr)
        self.assertEqual(datasets(out), datasets(whole))

    def test_a_file_that_cannot_be_read_is_refused_up_front_and_kept(self):
        exp = self.small_sweep()
        out = self.write("broken.h5", "not an HDF5 file\n")
        r = aiplus("sweep", exp, "-o", out, "--resume", "-q")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("cannot be read", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "not an HDF5 file\n")


class ConcurrentWriters(SweepTest):
    def test_a_run_forced_over_another_runs_output_never_removes_a_file(self):
        busy = self.path("busy.h5")
        first = Stopped([AIPLUS, "run", BASS, "-o", busy, "--firms", "2000000", "--steps", "1200",
                         "--set", "adoption.p=0.0001", "--set", "adoption.q=0", "--threads", "1", "-q"],
                        lambda: temporary_files(self.tmp) or os.path.exists(busy))
        second = aiplus("run", BASS, "-o", busy, "--force", "--seed", "2", "--firms", "3000", "--steps", "5", "-q")
        self.assertEqual(second.returncode, 0, second.stderr)
        code, out, err = first.finish(signal.SIGINT)  # stops at the end of its month
        self.assertEqual(code, 1, out + err)
        self.assertIn("created by another process meanwhile", err)
        with h5py.File(busy, "r") as f:  # the forced run's file, whole
            self.assertEqual(f.attrs["seed"], 2)
            self.assertEqual(f.attrs["complete"], 1)
        kept = temporary_files(self.tmp)
        self.assertEqual(len(kept), 1)  # the first run's result, named in its message
        self.assertIn(kept[0], err)
        with h5py.File(self.path(kept[0]), "r") as f:
            self.assertEqual(f.attrs["seed"], 1)

    def test_identical_runs_started_together_leave_one_whole_file(self):
        for trial in range(TRIALS):
            out = self.path(f"same{trial}.h5")
            args = [AIPLUS, "run", BASS, "-o", out, "--firms", "50000", "--steps", "40", "--threads", "1", "-q"]
            runs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            results = [(p.returncode, p.communicate(timeout=300)[1]) for p in runs]
            results = [(p.returncode, err) for p, (_, err) in zip(runs, results)]
            codes = sorted(code for code, _ in results)
            self.assertIn(codes, ([0, 1], [0, 2]), results)
            with h5py.File(out, "r") as f:
                self.assertEqual(f.attrs["complete"], 1)
                self.assertEqual(f["national/adoption_share"].shape, (41,))
            loser = [err for code, err in results if code != 0][0]
            self.assertIn(os.path.basename(out), loser)

    def test_force_and_resume_leave_a_running_sweep_alone(self):
        exp = self.long_sweep()
        busy = self.path("busy.h5")
        sweep = Stopped([AIPLUS, "sweep", exp, "-o", busy, "-q"], lambda: os.path.exists(busy))
        before = digest(busy)
        for args in (["sweep", exp, "-o", busy, "--force"], ["sweep", exp, "-o", busy, "--resume"],
                     ["run", BASS, "-o", busy, "--force", "--firms", "1000", "--steps", "2"]):
            r = aiplus(*args, "-q")
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertRegex(r.stderr, LOCATED)
            self.assertIn("being written by another process", r.stderr)
            self.assertEqual(digest(busy), before, args)
        self.assertEqual(temporary_files(self.tmp), [])
        code, out, err = sweep.finish(signal.SIGINT)
        self.assertEqual(code, 130, err)  # interrupted, with every finished run kept
        r = aiplus("sweep", exp, "-o", busy, "--resume", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(busy, "r") as f:
            self.assertEqual(int(f["national/done"][:].sum()), 200)

    def test_only_regular_files_are_ever_replaced(self):
        target = self.write("target.h5", "someone else's file\n")
        os.symlink(target, self.path("link.h5"))
        os.symlink(self.path("nowhere"), self.path("dangling.h5"))
        os.mkfifo(self.path("fifo.h5"))
        os.mkdir(self.path("folder.h5"))
        paths = ["link.h5", "dangling.h5", "fifo.h5", "folder.h5"]
        try:  # a device node, as root can make one: the one /dev/full is
            os.mknod(self.path("full.h5"), 0o600 | stat.S_IFCHR, os.makedev(1, 7))
            paths.append("full.h5")
        except PermissionError:
            pass
        exp = self.small_sweep()
        for name in paths:
            before = os.lstat(self.path(name))
            for args in (["run", BASS, "--firms", "1000", "--steps", "2", "--force"], ["sweep", exp, "--force"],
                         ["sweep", exp, "--resume"]):
                r = aiplus(*args, "-o", self.path(name), "-q")
                self.assertEqual(r.returncode, 2, (name, r.stderr))
                self.assertRegex(r.stderr, LOCATED)
                after = os.lstat(self.path(name))
                self.assertEqual((after.st_ino, after.st_mode), (before.st_ino, before.st_mode), name)
        with open(target) as f:
            self.assertEqual(f.read(), "someone else's file\n")
        r = aiplus("run", BASS, "-o", "", "-q")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, USAGE)
        self.assertEqual(temporary_files(self.tmp), [])


class DiskFull(SweepTest):
    def test_a_sweep_that_cannot_fit_is_refused_before_any_run(self):
        exp = self.small_sweep()
        out = self.path("limited.h5")
        r = subprocess.run([AIPLUS, "sweep", exp, "-o", out], capture_output=True, text=True,
                           timeout=300, preexec_fn=file_size_limit(1_000_000))
        self.assertEqual(r.returncode, 2, r.stderr)  # not killed by SIGXFSZ
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("file size limit", r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(temporary_files(self.tmp), [])

    def test_a_stopped_sweep_resumes_within_a_limit_equal_to_its_size(self):
        exp = self.small_sweep()
        whole = self.reference(exp)
        for trial in range(TRIALS):
            out = self.path(f"stopped{trial}.h5")
            p = subprocess.Popen([AIPLUS, "sweep", exp, "-o", out, "-q"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            wait_for(lambda: os.path.exists(out) or p.poll() is not None)
            pause, stop = RANDOM.uniform(0.0, 0.3), RANDOM.choice([signal.SIGINT, signal.SIGKILL])
            time.sleep(pause)
            p.send_signal(stop)
            p.wait()
            with self.subTest(seed=SEED, trial=trial, pause=pause, signal=stop.name):
                size = os.path.getsize(out)
                r = subprocess.run([AIPLUS, "sweep", exp, "-o", out, "--resume", "-q"], capture_output=True,
                                   text=True, timeout=300, preexec_fn=file_size_limit(size))
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(os.path.getsize(out), size)
                self.assertEqual(datasets(out), datasets(whole))

    def test_a_run_that_fills_the_disk_leaves_the_old_file_and_no_other(self):
        out = self.write("old.h5", "the file --force would have replaced\n")
        r = subprocess.run([AIPLUS, "run", AI_PLUS, "-o", out, "--force", "--firms", "50000", "--steps", "24",
                            "--set", 'output.panels=["2025-06", "2026-01"]', "-q"], capture_output=True,
                           text=True, timeout=300, preexec_fn=file_size_limit(200_000))
        with open(out) as f:
            self.assertEqual(f.read(), "the file --force would have replaced\n")
        self.assertEqual(temporary_files(self.tmp), [])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("File too large", r.stderr)


class BoundedInput(SweepTest):
    def assert_refused(self, *args, where=None, fragment=None, seconds=60):
        out = self.path("never.h5")
        r = subprocess.run([AIPLUS, *args, *(["-o", out] if args[0] in ("run", "sweep") else [])],
                           capture_output=True, text=True, timeout=seconds)
        self.assertEqual(r.returncode, 2, (args, r.returncode, r.stderr[-500:]))
        self.assertRegex(r.stderr, LOCATED)
        if where:
            self.assertIn(where, r.stderr)
        if fragment:
            self.assertIn(fragment, r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertLess(len(r.stderr), 3000)
        return r.stderr

    def test_devices_fifos_and_huge_files_are_not_read(self):
        os.mkfifo(self.path("fifo.toml"))
        big = self.path("big.toml")
        with open(big, "w") as f:
            f.write("# padding\n" * (17 * 1024 * 1024 // 10))
        for config in ("/dev/zero", "/dev/urandom", self.path("fifo.toml"), big):
            self.assert_refused("validate", config, seconds=20)
            self.assert_refused("run", config, seconds=20)
        for base in ("/dev/zero", "/dev/null", ".", self.tmp, ""):
            scenario = self.write("extends.toml", f'extends = "{base}"\n')
            self.assert_refused("validate", scenario, where="extends.toml:1:11:", seconds=20)
        exp = self.write("exp.toml", 'scenario = "/dev/zero"\n')
        self.assert_refused("sweep", exp, fragment="character device", seconds=20)
        self.assert_refused("sweep", "/dev/urandom", seconds=20)

    def test_deeply_dotted_keys_do_not_crash(self):
        deep = "a" + ".a" * 40_000
        cases = [("key.toml", f"{deep} = 1\n"), ("header.toml", f"[{deep}]\nx = 1\n"),
                 ("nested.toml", "x = " + "[" * 40_000 + "]" * 40_000 + "\n")]
        for name, text in cases:
            self.assert_refused("validate", self.write(name, text), where=f"{name}:1:")
        self.write("base.toml", f"{deep} = 1\n")
        self.assert_refused("validate", self.write("child.toml", 'extends = "base.toml"\n'), where="base.toml:1:1:")
        self.assert_refused("validate", BASS, "--set", "adoption.p={" + deep + " = 1}", where="--set:1:")
        self.assert_refused("sweep", self.experiment(f'[set]\n{deep} = 1\n'), where="experiment.toml:3:1:")
        self.assert_refused("sweep", self.small_sweep(), "--set", f"adoption.p={{{deep} = 1}}", where="--set:1:")

    def test_experiments_too_big_are_refused_up_front(self):
        axis = "[" + ", ".join(str(k) for k in range(3000)) + "]"
        for text, line in (("replicates = 100000000\n", "2:"), ("[sample]\npoints = 1000000000\n\"industry.promotion\" = [0, 1]\n", "3:"),
                           (f'[grid]\n"industry.promotion" = {axis}\n"human.broad_training" = {axis}\n', "")):
            started = time.time()
            self.assert_refused("sweep", self.experiment(text), where=f"experiment.toml:{line}", fragment="1000000")
            self.assertLess(time.time() - started, 30)  # nothing was allocated for the runs

    def test_ambiguous_input_is_refused_not_guessed(self):
        self.assert_refused("validate", BASS, "--set", "adoption.p=0.5\nadoption.q=0.9", where="--set:1:15:")
        self.assert_refused("sweep", self.experiment('[[arm]]\nname = "x"\n[[arm]]\nname = "x"\n'),
                            where="experiment.toml:5:", fragment="used twice")

    def test_a_long_chain_of_extends_is_followed_and_a_cycle_refused(self):
        for k in range(10):
            self.write(f"c{k}.toml", f'extends = "c{k + 1}.toml"\n')
        self.write("c10.toml", f'extends = "{BASS}"\n[adoption]\nq = 0.2\n')
        r = aiplus("validate", self.path("c0.toml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.write("x.toml", 'extends = "y.toml"\n')
        self.write("y.toml", 'extends = "x.toml"\n')
        self.assert_refused("validate", self.path("x.toml"), fragment="cycle")

    def test_messages_quote_short_escaped_excerpts_and_count_the_rest(self):
        value = "x" * 5_000_000
        err = self.assert_refused("validate", BASS, "--set", f"adoption.p={value[:60_000]}")
        self.assertIn("...", err)
        err = self.assert_refused("validate", self.write("big.toml", f'[adoption]\np = "{value}"\n'))
        self.assertIn("big.toml:2:5:", err)
        many = "[adoption]\n" + "".join(f"k{k} = 1\n" for k in range(20_000))
        err = self.assert_refused("validate", self.write("many.toml", many))
        self.assertLessEqual(err.count("\n"), 21)
        self.assertIn("19980 more", err)
        hostile = '[adoption]\n"p\\u001b[2J\\u0000" = 1\n'
        err = self.assert_refused("validate", self.write("hostile.toml", hostile))
        self.assertNotIn("\x1b", err)
        self.assertNotIn("\x00", err)
        self.assertIn("\\x1b", err)
        err = self.assert_refused("validate", BASS, "--set", "adoption.p=\x1b[31m")
        self.assertNotIn("\x1b", err)


class CommandLineErrors(TempDirTest):
    def test_every_command_line_error_has_the_documented_form(self):
        exp = os.path.join(SOURCE, "configs", "experiments", "ding_2x2.toml")
        out = self.path("out.h5")
        cases = [[], ["frobnicate"], ["--bogus"], ["validate"], ["sweep"], ["params", "extra"],
                 ["params", "--set", "x=1"], ["run", BASS, "extra"], ["run", BASS, "--resume"],
                 ["run", BASS, "--firms"], ["run", BASS, "--set"], ["run", BASS, "-o"],
                 ["run", BASS, "--firms", "0"], ["run", BASS, "--firms", "-5"], ["run", BASS, "--firms", "1e3"],
                 ["run", BASS, "--firms", "5000000000"], ["run", BASS, "--firms", "1", "--firms", "2"],
                 ["run", BASS, "--steps", "abc"], ["run", BASS, "--steps", "1201"], ["run", BASS, "--seed", "-1"],
                 ["run", BASS, "--seed", "18446744073709551615"], ["run", BASS, "--threads", "0"],
                 ["run", BASS, "--threads", "1.5"], ["run", BASS, "-o", ""], ["validate", BASS, "--seed", "x"],
                 ["validate", BASS, "a", "b"], ["bench", BASS, "--threads", "0"], ["bench", BASS, "--bogus"],
                 ["sweep", exp, "--resume", "--force"], ["sweep", exp, "--threads", "5000"],
                 ["sweep", exp, "--firms", "0"], ["sweep", exp, "--steps", "x"], ["sweep", exp, "-o", ""],
                 ["sweep", exp, "--bogus"]]
        for args in cases:
            r = aiplus(*args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertRegex(r.stderr, USAGE, args)
            self.assertEqual(r.stderr.count("\n"), 1, (args, r.stderr))
            self.assertLess(len(r.stderr), 400, args)
            self.assertFalse(os.path.exists(out))
        r = aiplus("run", BASS, "--seed", "18446744073709551615")
        self.assertIn("18446744073709551615 is too large", r.stderr)

    def test_filesystem_errors_name_the_path_with_exit_code_2(self):
        long_name = self.path("x" * 300 + ".h5")
        r = aiplus("run", BASS, "-o", long_name, "--firms", "1000", "-q")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("x" * 100, r.stderr)
        self.assertIn("303 bytes long", r.stderr)
        r = aiplus("validate", self.path("y" * 300 + ".toml"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("File name too long", r.stderr)

    @unittest.skipUnless(os.geteuid() == 0, "needs root to run as another user")
    def test_permission_errors_name_the_path_with_exit_code_2(self):
        def as_nobody():
            os.setgid(65534)
            os.setuid(65534)
        os.chmod(self.tmp, 0o755)
        config = self.write("secret.toml", "[adoption]\np = 0.02\n")
        os.chmod(config, 0o600)
        for args, fragment in ((["validate", config], "Permission denied"),
                               (["run", BASS, "-o", self.path("out.h5"), "--firms", "1000"], "not writable")):
            r = subprocess.run([AIPLUS, *args], capture_output=True, text=True, timeout=60, preexec_fn=as_nobody)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertRegex(r.stderr, LOCATED)
            self.assertIn(fragment, r.stderr)
            self.assertIn(self.tmp, r.stderr)

    def test_a_run_past_the_memory_limit_is_refused_up_front(self):
        def small_address_space():
            resource.setrlimit(resource.RLIMIT_AS, (600 << 20, 600 << 20))
        r = subprocess.run([AIPLUS, "run", BASS, "-o", self.path("big.h5"), "--firms", "20000000"],
                           capture_output=True, text=True, timeout=120, preexec_fn=small_address_space)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("GB of memory", r.stderr)
        self.assertNotIn("disk full", r.stderr)


if __name__ == "__main__":
    unittest.main()
