"""A Karaf shell command line in a test bed appliance, for the python drivers: what testbed.sh's
testbed_shell does, OpenSSH on 127.0.0.1 with the run's key and client configuration
(TB_SHELL_SSH_CONFIG, written by tb_shell_key), not bin/client, which is a JVM (~2.6 s of CPU a call on a 2-core box against ~0.01 s).
A connection refused (the shell is not up yet) is tried again, 2 s apart; nothing else is, so that
a command is never run twice."""
import os
import subprocess
import time


def run(ssh_port: int, command: str, attempts: int = 4, timeout: float = 60) -> subprocess.CompletedProcess:
    config = os.environ.get("TB_SHELL_SSH_CONFIG", "")
    if not os.path.isfile(config):
        raise RuntimeError("TB_SHELL_SSH_CONFIG names no file (%r): run under tools/testbed/testbed.sh" % config)
    argv = ["ssh", "-F", config, "-n", "-q", "-p", str(ssh_port), "127.0.0.1", command]
    attempt = 1
    while True:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 255 or "Connection refused" not in done.stderr or attempt == attempts:
            return done
        attempt += 1
        time.sleep(2)
