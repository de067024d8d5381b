"""An input is never an output, and a file is replaced only by the one process that may.

Every file a command reads (its config and the files it extends, an experiment, a
calibration, its targets, a posterior file) is refused as its output, however it is
named; of two processes replacing one file with --force exactly one gets it; --resume
refuses, unchanged, any file that is not its own command's; --force replaces only a file
the user may write; a sweep records each run's agents. The README's "What aiplus
promises about your files" lists these.

Run by CTest with AIPLUS (the binary) and AIPLUS_SOURCE (the source tree) set.
"""
import os
import shutil
import signal
import subprocess
import unittest

import h5py
import numpy as np

from test_calibrate import write_calibration
from test_cli import AIPLUS, BASS, LOCATED, TempDirTest, aiplus, datasets
from test_reliability import Stopped, digest, temporary_files

READS = "that this command reads; expected an output path that is none of its inputs"


class SafetyTest(TempDirTest):
    def experiment(self, text, scenario=BASS):
        return self.write("experiment.toml", f'scenario = "{scenario}"\n' + text)

    def small_sweep(self):
        return self.experiment('replicates = 2\n[set]\n"simulation.firms" = 1000\n"simulation.steps" = 6\n')

    def small_calibration(self):
        return write_calibration(self.tmp, particles=8, generations=1, batch=8, firms=500)

    def assert_refused_unchanged(self, args, path, *fragments):
        """The command exits 2 with a located message holding `fragments`, and leaves the
        file at `path` byte for byte and inode for inode as it was, with no other file."""
        before, status = digest(path), os.lstat(path)
        r = aiplus(*args, "-q")
        self.assertEqual(r.returncode, 2, (args, r.stderr))
        self.assertRegex(r.stderr, LOCATED)
        for fragment in fragments:
            self.assertIn(fragment, r.stderr, args)
        after = os.lstat(path)
        self.assertEqual(digest(path), before, args)
        self.assertEqual((after.st_ino, after.st_size, after.st_mtime_ns),
                         (status.st_ino, status.st_size, status.st_mtime_ns), args)
        self.assertEqual(temporary_files(self.tmp), [], args)
        return r.stderr


class InputsAreNeverOutputs(SafetyTest):
    def test_a_run_refuses_its_config_and_every_file_it_extends_however_named(self):
        bass = shutil.copy(BASS, self.path("bass.toml"))  # a copy: a failure must not cost the tree its file
        parent = self.write("parent.toml", 'extends = "bass.toml"\n[simulation]\nfirms = 1000\nsteps = 3\n')
        child = self.write("child.toml", 'extends = "parent.toml"\n[simulation]\nseed = 4\n')
        os.link(parent, self.path("hard.h5"))
        os.symlink(child, self.path("link.h5"))
        os.mkdir(self.path("sub"))
        for output, input_path in ((child, "child.toml"), (parent, "parent.toml"), (bass, "bass.toml"),
                                   (self.path("hard.h5"), "parent.toml"), (self.path("link.h5"), "child.toml"),
                                   (self.path("sub/../child.toml"), "child.toml")):
            for force in (["--force"], []):
                self.assert_refused_unchanged(["run", child, "-o", output, *force], output, READS,
                                              input_path, os.path.basename(output))
        self.assertEqual(aiplus("run", child, "-o", self.path("out.h5"), "-q").returncode, 0)

    def test_a_sweep_refuses_its_experiment_and_scenario(self):
        scenario = shutil.copy(BASS, self.path("scenario.toml"))
        exp = self.experiment('replicates = 2\n[set]\n"simulation.firms" = 1000\n"simulation.steps" = 6\n',
                              scenario=scenario)
        for output in (exp, scenario):
            for flag in ("--force", "--resume"):
                self.assert_refused_unchanged(["sweep", exp, "-o", output, flag], output, READS,
                                              os.path.basename(output))

    def test_a_calibration_refuses_its_file_and_its_targets(self):
        calibration = self.small_calibration()
        targets = self.path("bass_targets.toml")
        for output, what in ((calibration, "calibration file"), (targets, "targets file")):
            for flag in ("--force", "--resume"):
                self.assert_refused_unchanged(["calibrate", calibration, "-o", output, flag], output, READS,
                                              what)

    def test_a_sweep_refuses_the_posterior_it_draws_from(self):
        calibration = self.small_calibration()
        posterior = self.path("posterior.h5")
        r = aiplus("calibrate", calibration, "-o", posterior, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        exp = self.experiment('[posterior]\nfile = "posterior.h5"\ndraws = 2\n'
                              '[set]\n"simulation.firms" = 1000\n"simulation.steps" = 6\n')
        self.assert_refused_unchanged(["sweep", exp, "-o", posterior, "--force"], posterior, READS,
                                      "posterior file")
        os.link(posterior, self.path("again.h5"))
        self.assert_refused_unchanged(["sweep", exp, "--posterior", self.path("again.h5"), "-o", posterior,
                                       "--force"], posterior, READS, "posterior file")


class ReplacingRaces(SafetyTest):
    RUN = ["run", BASS, "--firms", "50000", "--steps", "40", "--threads", "1", "-q"]

    def test_a_second_forced_run_is_refused_while_the_first_replaces_the_file(self):
        out = self.path("same.h5")
        self.assertEqual(aiplus("run", BASS, "-o", out, "--firms", "1000", "--steps", "2", "-q").returncode, 0)
        first = Stopped([AIPLUS, "run", BASS, "-o", out, "--force", "--firms", "2000000", "--steps", "1200",
                         "--set", "adoption.p=0.0001", "--set", "adoption.q=0", "--threads", "1", "-q"],
                        lambda: bool(temporary_files(self.tmp)))
        second = aiplus("run", BASS, "-o", out, "--force", "--seed", "2", "--firms", "1000", "--steps", "2", "-q")
        self.assertEqual(second.returncode, 2, second.stderr)
        self.assertRegex(second.stderr, LOCATED)
        self.assertIn("being replaced by another process", second.stderr)
        code, stdout, stderr = first.finish(signal.SIGINT)
        self.assertEqual(code, 130, stderr)  # stopped early, its file in place
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["seed"], 1)
            self.assertEqual(f.attrs["agents"], 2000000)
        self.assertEqual(temporary_files(self.tmp), [])

    def test_forced_runs_that_overlap_never_both_succeed(self):
        # The first is caught in the act (SIGSTOP once its temporary file exists), so the
        # two overlap whatever the machine's load: over an existing file, and where none is.
        for existing in (True, False):
            out = self.path(f"same_{existing}.h5")
            if existing:
                self.assertEqual(aiplus("run", BASS, "-o", out, "--firms", "1000", "--steps", "2", "-q").returncode, 0)
            first = Stopped([AIPLUS, *self.RUN[:2], "-o", out, "--force", *self.RUN[2:]],
                            lambda: bool(temporary_files(self.tmp)))
            second = aiplus("run", BASS, "-o", out, "--force", "--firms", "1000", "--steps", "2", "-q")
            self.assertEqual(second.returncode, 2 if existing else 0, second.stderr)  # refused, or first
            code, _, err = first.finish()
            codes = sorted([code, second.returncode])
            self.assertIn(codes, ([0, 1], [0, 2]), (existing, second.stderr, err))
            loser = err if code != 0 else second.stderr
            self.assertIn(os.path.basename(out), loser)
            with h5py.File(out, "r") as f:
                self.assertEqual(f.attrs["complete"], 1)
            for name in temporary_files(self.tmp):  # a loser that lost at the end keeps its result
                self.assertIn(name, loser)
                os.unlink(self.path(name))


class ResumeOnlyItsOwnFiles(SafetyTest):
    def test_resume_refuses_a_file_another_command_or_program_wrote(self):
        exp, calibration = self.small_sweep(), self.small_calibration()
        run_file, sweep_file, calibration_file = (self.path(n) for n in ("run.h5", "sweep.h5", "calib.h5"))
        for args in (["run", BASS, "-o", run_file, "--firms", "1000", "--steps", "2"],
                     ["sweep", exp, "-o", sweep_file], ["calibrate", calibration, "-o", calibration_file]):
            self.assertEqual(aiplus(*args, "-q").returncode, 0, args)
        empty = self.write("empty.h5", "")
        text = self.write("notes.h5", "a user's notes\n")
        other = self.path("other.h5")
        with h5py.File(other, "w") as f:
            f.attrs["plan"] = 7  # a number, not a sweep's fingerprint
            f.attrs["fingerprint"] = 7
            f["x"] = np.arange(3.0)
        for path in (empty, text, other, run_file, calibration_file):
            self.assert_refused_unchanged(["sweep", exp, "-o", path, "--resume"], path, "not a file that `aiplus sweep` wrote")
        for path in (empty, text, other, run_file, sweep_file):
            self.assert_refused_unchanged(["calibrate", calibration, "-o", path, "--resume"], path,
                                          "not a file that `aiplus calibrate` wrote")


class OneRuleEach(SafetyTest):
    def test_force_replaces_only_a_file_the_user_may_write(self):
        out = self.write("theirs.h5", "a file this user may not write\n")
        mine = self.write("mine.h5", "a file this user may write\n")
        demote = None
        if os.geteuid() == 0:  # root may write anything: run as nobody in a folder anyone may write
            os.chmod(self.tmp, 0o777)
            os.chmod(out, 0o644)
            os.chown(mine, 65534, 65534)

            def demote():
                os.setgid(65534)
                os.setuid(65534)
        else:
            os.chmod(out, 0o444)
        args = [AIPLUS, "run", BASS, "--firms", "1000", "--steps", "2", "--force", "-q", "-o"]
        before = digest(out)
        r = subprocess.run(args + [out], capture_output=True, text=True, timeout=60, preexec_fn=demote)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, LOCATED)
        self.assertIn("not writable by this user", r.stderr)
        self.assertEqual(digest(out), before)
        r = subprocess.run(args + [mine], capture_output=True, text=True, timeout=60, preexec_fn=demote)
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(mine, "r") as f:
            self.assertEqual(f.attrs["complete"], 1)
        self.assertEqual(temporary_files(self.tmp), [])

    def test_negative_zero_is_a_number_like_zero(self):
        zero, negative = self.path("zero.h5"), self.path("negative.h5")
        common = ["run", BASS, "--firms", "1000", "--steps", "6", "-q"]
        self.assertEqual(aiplus(*common, "--set", "adoption.q=0.0", "-o", zero).returncode, 0)
        r = aiplus(*common, "--set", "adoption.q=-0.0", "-o", negative)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(datasets(negative), datasets(zero))


class PerRunMetadata(SafetyTest):
    def test_each_run_of_a_sweep_records_its_own_agents(self):
        exp = self.experiment('replicates = 2\n[set]\n"simulation.steps" = 3\n"simulation.firms" = 1000\n'
                              '[[arm]]\nname = "small"\n[[arm]]\nname = "large"\nset = { "simulation.firms" = 3000 }\n')
        out = self.path("arms.h5")
        r = aiplus("sweep", exp, "-o", out, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(out, "r") as f:
            arms = [a.decode() for a in f["national/arm"][:]]
            agents = f["runs/agents"][:]
            self.assertEqual(f["runs/agents"].attrs["units"], "agents")
            self.assertNotIn("agents", f.attrs)
        self.assertEqual(sorted(set(zip(arms, agents.tolist()))), [("large", 3000), ("small", 1000)])


if __name__ == "__main__":
    unittest.main()
