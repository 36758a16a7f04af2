# Sourced by test.sh and .ci/run: the machine's programs the tests drive, from Debian's packages. Chromium runs the
# order board's browser test (Playwright drives it; its own browser download cannot run offline), and kcat reads
# the records' headers as an operator would.

TEST_PACKAGES=(chromium kcat)

missing_test_tools() {
  local missing=()
  command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || missing+=(chromium)
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  echo "${missing[@]}"
}

# Installs what is missing with apt-get (as root, or through sudo).
install_test_tools() {
  local missing
  missing="$(missing_test_tools)"
  [[ -z $missing ]] && return
  echo "Installing from Debian's packages: $missing"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

# Stops the run before the suites start, naming what to install, rather than failing a test half-way.
require_test_tools() {
  local missing
  missing="$(missing_test_tools)"
  if [[ -n $missing ]]; then
    echo "The tests need $missing: sudo apt-get install ${TEST_PACKAGES[*]} (.ci/run installs them), or set CHROMIUM_PATH to a Chromium." >&2
    exit 1
  fi
}
