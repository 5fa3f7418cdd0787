#!/usr/bin/env python3
"""Runs the pull-request workflow's steps in order, in a clean clone, the way GitHub would.

`run:` steps run in bash with the job's and step's `env:` and the GITHUB_* variables a pull request
sets; `${{ … }}` expressions and `if:` conditions of the forms the workflow uses are evaluated (an
unknown form is an error, so the workflow cannot drift past this script). Actions are replaced by
their effect: checkout = the clone (history checked when fetch-depth is 0), cache = nothing,
upload-artifact = its path must hold files. Before the steps, a fresh-image check: every Debian
package that owns a header the C modules include or a library they link must be in
`Scripts/install-deps.sh --gate --list`, since the workflow's bare image has none of them.

Usage: Scripts/run-workflow-steps.py [--preflight-only] [--install-deps FILE] [WORKFLOW]
  WORKFLOW          default .github/workflows/bench-gate.yml
  --preflight-only  only the checks before the steps (package list, no installs of its own), on this
                    working tree instead of a clone: seconds, no build
  --install-deps    the installer whose --gate list is checked (default: Scripts/install-deps.sh)
Environment: WORKFLOW_BASE_REF (default main), WORKFLOW_GATE_ADVISORY=1 (a final gate exit of 2, a
latency verdict, is reported but does not fail: .ci/run's machine is shared and noisy).
Exit: 0 every step passed · the failing step's exit code (70 when it had none) · 64 bad usage.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
SYSTEM_PACKAGES = re.compile(r"^(libc6-dev|libstdc\+\+-\d+-dev|linux-libc-dev|libgcc-\d+-dev|libc-dev-bin|libcrypt-dev)$")


def fail(message, code=64):
    print(f"run-workflow-steps: {message}", file=sys.stderr)
    sys.exit(code)


def owning_package(path):
    """The package that installs `path` itself (a -dev package owns the libX.so link), else its target."""
    result = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    if result.returncode != 0:
        result = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True)
    return result.stdout.split(":")[0].strip() if result.returncode == 0 else None


def packages_the_build_needs(clone):
    """Packages owning the headers the C modules include and the libraries they link."""
    needed = {}
    sources = os.path.join(clone, "Sources")
    flags = subprocess.run(
        ["pkg-config", "--cflags", "sqlite3", "jemalloc", "libpq", "simdjson"], capture_output=True, text=True
    ).stdout.split()
    for module in sorted(os.listdir(sources)):
        folder = os.path.join(sources, module)
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".h", ".c", ".cpp")):
                continue
            path = os.path.join(folder, name)
            compiler = "c++" if name.endswith(".cpp") else "cc"
            deps = subprocess.run(
                [compiler, "-M", "-I", os.path.join(folder, "include"), *flags, path], capture_output=True, text=True
            )
            if deps.returncode != 0:
                fail(f"{compiler} -M {path} failed: {deps.stderr.strip().splitlines()[-1:]}", 70)
            for header in deps.stdout.replace("\\\n", " ").split()[1:]:
                if header.startswith("/usr/"):
                    package = owning_package(header)
                    if package and not SYSTEM_PACKAGES.match(package.split(",")[0]):
                        needed.setdefault(package, f"{os.path.relpath(path, clone)} includes {header}")
        modulemap = os.path.join(folder, "module.modulemap")
        if os.path.exists(modulemap):
            for library in re.findall(r'link "([^"]+)"', open(modulemap).read()):
                found = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
                dev = f"/usr/lib/{os.uname().machine}-linux-gnu/lib{library}.so"
                package = owning_package(dev) if os.path.exists(dev) else None
                if package is None:
                    fail(f"{module} links {library}, but {dev} is missing (and ldconfig {'knows' if library in found else 'does not know'} it)", 70)
                needed.setdefault(package, f"{module} links {library} ({dev})")
    return needed


class Context:
    def __init__(self, clone, base_ref):
        self.clone = clone
        self.outputs = {}
        sha = subprocess.run(["git", "-C", clone, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        self.values = {
            "github.sha": sha,
            "github.base_ref": base_ref,
            "github.repository": "local/logbench",
            "github.event.pull_request.number": "1",
            "github.event.pull_request.head.repo.full_name": "local/logbench",
            "runner.os": "Linux",
            "secrets.GITHUB_TOKEN": "",
        }

    def value(self, expression):
        expression = expression.strip()
        if expression.startswith("'") and expression.endswith("'"):
            return expression[1:-1]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        match = re.fullmatch(r"hashFiles\(([^)]*)\)", expression)
        if match:
            digest = hashlib.sha256()
            for name in re.findall(r"'([^']+)'", match.group(1)):
                path = os.path.join(self.clone, name)
                if os.path.exists(path):
                    digest.update(open(path, "rb").read())
            return digest.hexdigest()
        if expression in self.values:
            return self.values[expression]
        fail(f"unsupported expression ${{{{ {expression} }}}}: teach Scripts/run-workflow-steps.py what it means", 70)

    def substitute(self, text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m.group(1)), str(text))

    def condition(self, text, failed):
        """(run?, ran because of always()); the default condition is success()."""
        terms = [t.strip() for t in str(text).split("&&")] if text else ["success()"]
        result, always = True, False
        for term in terms:
            if term == "always()":
                always = True
            elif term == "success()":
                result = result and not failed
            elif "==" in term or "!=" in term:
                left, operator, right = re.split(r"\s*(==|!=)\s*", term, maxsplit=1)
                equal = self.value(left) == self.value(right)
                result = result and (equal if operator == "==" else not equal)
            else:
                fail(f"unsupported condition term \"{term}\"", 70)
        if not always and "success()" not in terms:
            result = result and not failed
        return result


def preflight(job, tree, installer):
    """The checks that need no build: nothing installs packages but install-deps.sh, and its --gate
    list holds every package the build needs on a bare image."""
    for step in job["steps"]:
        script = step.get("run", "")
        if re.search(r"\b(apt-get|apt|aptitude|dpkg -i|pip3? install|snap install)\b", script):
            fail(f"step \"{step.get('name')}\" installs packages itself: Scripts/install-deps.sh owns the list", 1)
    if not any(re.search(r"^Scripts/install-deps\.sh --gate\s*$", step.get("run", ""), re.M) for step in job["steps"]):
        fail("no step runs Scripts/install-deps.sh --gate", 1)
    listed = subprocess.run([installer, "--gate", "--list"], capture_output=True, text=True, check=True).stdout.split()
    needed = packages_the_build_needs(tree)
    missing = {p: why for p, why in needed.items() if p not in listed}
    print(f"fresh image: the build needs {', '.join(sorted(needed))}; install-deps.sh --gate lists {', '.join(listed)}")
    if missing:
        for package, why in sorted(missing.items()):
            print(f"run-workflow-steps: {package} is not in install-deps.sh --gate, but {why}", file=sys.stderr)
        sys.exit(1)


def main():
    arguments = sys.argv[1:]
    preflight_only = "--preflight-only" in arguments
    arguments = [a for a in arguments if a != "--preflight-only"]
    installer = None
    if "--install-deps" in arguments:
        at = arguments.index("--install-deps")
        if at + 1 >= len(arguments):
            fail("--install-deps needs a file")
        installer = os.path.abspath(arguments[at + 1])
        del arguments[at : at + 2]
    workflow = arguments[0] if arguments else os.path.join(ROOT, ".github/workflows/bench-gate.yml")
    if len(arguments) > 1 or not os.path.isfile(workflow) or (installer and not os.access(installer, os.X_OK)):
        fail("usage: Scripts/run-workflow-steps.py [--preflight-only] [--install-deps FILE] [WORKFLOW]")
    document = yaml.safe_load(open(workflow))
    jobs = document.get("jobs", {})
    if len(jobs) != 1:
        fail(f"{workflow}: expected one job, found {len(jobs)}", 70)
    job = next(iter(jobs.values()))
    base_ref = os.environ.get("WORKFLOW_BASE_REF", "main")

    if preflight_only:
        preflight(job, ROOT, installer or os.path.join(ROOT, "Scripts/install-deps.sh"))
        return 0

    with tempfile.TemporaryDirectory(prefix="workflow-steps-") as scratch:
        clone = os.path.join(scratch, "workspace")
        subprocess.run(["git", "clone", "-q", "--no-local", ROOT, clone], check=True)
        # A clone of a detached checkout has no origin/<base>: the pull request then targets its own commit.
        remote = f"refs/remotes/origin/{base_ref}"
        if subprocess.run(["git", "-C", clone, "rev-parse", "--verify", "--quiet", remote], capture_output=True).returncode:
            subprocess.run(["git", "-C", clone, "update-ref", remote, "HEAD"], check=True)
        preflight(job, clone, installer or os.path.join(clone, "Scripts/install-deps.sh"))

        context = Context(clone, base_ref)
        home = os.path.join(scratch, "home")
        os.makedirs(home)
        summary = os.path.join(scratch, "step-summary.md")
        base_env = dict(os.environ)
        base_env.update(
            GITHUB_ACTIONS="true", CI="true", GITHUB_WORKSPACE=clone, GITHUB_EVENT_NAME="pull_request",
            GITHUB_BASE_REF=base_ref, GITHUB_HEAD_REF="head", GITHUB_REF="refs/pull/1/merge",
            GITHUB_SHA=context.values["github.sha"], GITHUB_REPOSITORY="local/logbench",
            GITHUB_STEP_SUMMARY=summary, RUNNER_OS="Linux", HOME=home,
        )
        # The container's user has a fresh home: git's identity and safe.directory come from the steps.
        for name in ("GIT_CONFIG_GLOBAL",):
            base_env.pop(name, None)
        base_env.update({k: context.substitute(v) for k, v in (job.get("env") or {}).items()})

        failed, first_status, results = False, 0, []
        for index, step in enumerate(job["steps"], 1):
            name = step.get("name") or step.get("uses") or f"step {index}"
            if not context.condition(step.get("if"), failed):
                results.append((name, "skipped"))
                continue
            status = 0
            if "uses" in step:
                action = step["uses"].split("@")[0]
                options = step.get("with") or {}
                if action == "actions/checkout":
                    shallow = subprocess.run(["git", "-C", clone, "rev-parse", "--is-shallow-repository"], capture_output=True, text=True).stdout.strip()
                    if str(options.get("fetch-depth", 1)) == "0" and shallow != "false":
                        status = 70
                elif action == "actions/cache":
                    pass
                elif action == "actions/upload-artifact":
                    path = os.path.join(clone, context.substitute(options["path"]))
                    empty = not os.path.isdir(path) or not any(files for _, _, files in os.walk(path))
                    if empty and options.get("if-no-files-found") == "error":
                        print(f"upload-artifact: no files in {path}", file=sys.stderr)
                        status = 70
                else:
                    fail(f"unknown action {action}: say here what its effect is", 70)
            else:
                env = dict(base_env)
                env.update({k: context.substitute(v) for k, v in (step.get("env") or {}).items()})
                output = os.path.join(scratch, f"output-{index}")
                open(output, "w").close()
                env["GITHUB_OUTPUT"] = output
                print(f"::: {name}", flush=True)
                status = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", context.substitute(step["run"])], cwd=clone, env=env).returncode
                if "id" in step:
                    pairs = [line.split("=", 1) for line in open(output).read().splitlines() if "=" in line]
                    context.outputs[step["id"]] = dict(pairs)
            results.append((name, "ok" if status == 0 else f"exit {status}"))
            if status != 0 and not failed:
                failed, first_status = True, status
        print()
        for name, outcome in results:
            print(f"{outcome:>8}  {name}")
        if os.path.exists(summary):
            print(f"(step summary: {sum(1 for _ in open(summary))} lines)")
        last = results[-1]
        if failed and os.environ.get("WORKFLOW_GATE_ADVISORY") == "1" and first_status == 2 and last[1] == "exit 2":
            if all(outcome in ("ok", "skipped") for _, outcome in results[:-1]):
                print("run-workflow-steps: the gate's latency verdict (exit 2) is advisory here")
                return 0
        return first_status if failed else 0


if __name__ == "__main__":
    sys.exit(main())
