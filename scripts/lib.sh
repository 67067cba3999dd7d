# Shared helpers for neurodyn's scripts (sourced, not executed).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GOBIN_DIR="$(go env GOBIN)"
[ -n "$GOBIN_DIR" ] || GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$GOBIN_DIR:$PATH"
# The GoNB kernelspec lives inside the project so a user's own kernels are untouched.
export JUPYTER_DATA_DIR="${JUPYTER_DATA_DIR:-$ROOT/.jupyter}"

# Quiet a harmless debugger warning some Python builds print on every Jupyter start.
export PYDEVD_DISABLE_FILE_VALIDATION=1

say() { echo "[neurodyn] $*"; }

# find_jupyter prints the path of a jupyter that has nbconvert, or nothing. Debian's
# /usr/bin/jupyter comes first: a pyenv python3 earlier on PATH may shadow it without nbconvert.
find_jupyter() {
	local c
	for c in "${NEURODYN_JUPYTER:-}" /usr/bin/jupyter "$(command -v jupyter 2>/dev/null)"; do
		[ -n "$c" ] && [ -x "$c" ] || continue
		if "$c" nbconvert --version >/dev/null 2>&1; then
			echo "$c"
			return 0
		fi
	done
	return 1
}
