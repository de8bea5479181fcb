#!/usr/bin/env bash
# Executes notebooks/results.ipynb top to bottom against an evaluated run directory with nbconvert, and
# writes the executed copy (with its tables and figures) to OUT, by default RUN_DIR/results.executed.ipynb.
# Fails (non-zero) if any cell fails. Usage: notebooks/run-notebook.sh RUN_DIR [OUT]
#
# The kernel is the same Python that runs nbconvert: /usr/bin/python3 (Debian's, where install-deps.sh puts
# the packages), or MCSAN_NOTEBOOK_PYTHON.
set -euo pipefail

usage() {
  echo "usage: notebooks/run-notebook.sh RUN_DIR [OUT]"
  echo "  RUN_DIR  an evaluated run directory (it has summary.json, metrics.csv, ...)"
  echo "  OUT      where to write the executed notebook; default RUN_DIR/results.executed.ipynb"
}
fail() {
  echo "run-notebook.sh: $*" >&2
  exit 1
}

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then
  usage
  exit 0
fi
if [[ $# -lt 1 || $# -gt 2 ]]; then
  usage >&2
  exit 2
fi

notebooks="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${MCSAN_NOTEBOOK_PYTHON:-/usr/bin/python3}"

[[ -d $1 ]] || fail "run directory $1 does not exist"
run_dir="$(cd "$1" && pwd)"
[[ -f $run_dir/summary.json ]] || fail "$run_dir has no summary.json: it is not an evaluated run directory"

out="${2:-$run_dir/results.executed.ipynb}"
[[ $out == *.ipynb ]] || fail "OUT must end in .ipynb, got $out"
out_dir="$(dirname "$out")"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
[[ $out_dir != "$notebooks" ]] || fail "OUT must not be in notebooks/ (keep the stored notebook free of outputs)"

[[ -x $python ]] || fail "no Python at $python (set MCSAN_NOTEBOOK_PYTHON, or install Debian's python3)"
if ! "$python" -c 'import nbconvert, nbclient, ipykernel, pandas, matplotlib' 2>/dev/null; then
  fail "$python lacks nbconvert, ipykernel, pandas or matplotlib; install them with notebooks/install-deps.sh" \
    "(apt-get install --no-install-recommends python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib)"
fi

# A private Jupyter set-up: a "python3" kernel spec that starts this same Python (found before any user-wide
# spec of that name), and fresh IPython and runtime directories, so user settings cannot change the run.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/kernels/python3"
cat > "$scratch/kernels/python3/kernel.json" <<JSON
{"argv": ["$python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (ipykernel)", "language": "python"}
JSON
export JUPYTER_PATH="$scratch${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="$scratch/runtime" IPYTHONDIR="$scratch/ipython"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # silences the debugger's frozen-modules warning at kernel start
export MCSAN_RUN_DIR="$run_dir"

"$python" -m nbconvert --to notebook --execute \
  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
  --output-dir "$out_dir" --output "$(basename "$out")" "$notebooks/results.ipynb"
echo "executed notebook: $out_dir/$(basename "$out")"
