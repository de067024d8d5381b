"""What aiplus raises: bad input located as the command line prints it, and a run
stopped by Ctrl-C with the months it finished."""


class Diagnostic(tuple):
    """One problem: (file, line, column, message); str() is `file:line:column: message`."""

    def __new__(cls, file, line, column, message):
        return super().__new__(cls, (file, line, column, message))

    file = property(lambda self: self[0])
    line = property(lambda self: self[1])
    column = property(lambda self: self[2])
    message = property(lambda self: self[3])

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ConfigError(ValueError):
    """Bad input: a config, key, value or override that aiplus refuses (the command line
    exits with code 2 for it). `.file`, `.line`, `.column` and `.message` are the first
    problem's; `.diagnostics` lists every one found."""

    def __init__(self, diagnostics):
        self.diagnostics = [Diagnostic(*d) for d in diagnostics]
        self.file, self.line, self.column, self.message = self.diagnostics[0]
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C (or a KeyboardInterrupt from another thread) stopped a run at the end of a
    month; `.result` holds every month finished (`result.complete` is False)."""

    def __init__(self, result, message=None):
        self.result = result
        super().__init__(message or f"stopped after {result.months} of {result.attrs['steps_requested']} "
                                    "months; the months done are in .result")
