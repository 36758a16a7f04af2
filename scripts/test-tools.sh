# Sourced by test.sh: the machine's programs the tests drive, from Debian's packages. Chromium runs the order board's
# browser test (Playwright drives it; its own browser download cannot run offline), and kcat reads the records'
# headers as an operator would.

TEST_PACKAGES=(chromium kcat)

missing_test_tools() {
  local missing=()
  command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || missing+=(chromium)
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  echo "${missing[@]}"
}

# Installs what is missing with apt-get, as root or through sudo, so that ./test.sh on a fresh machine sets up what
# it needs as CI does; where it cannot, it stops before any suite starts, saying in one line why and what to do.
ensure_test_tools() {
  local missing
  missing="$(missing_test_tools)"
  [[ -z $missing ]] && return
  local as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "The tests need $missing, which test.sh installs with apt-get as root or through sudo, but $(id -un) is not root and there is no sudo: run ./test.sh as root, or install them first (apt-get install ${TEST_PACKAGES[*]}; CHROMIUM_PATH may name another Chromium)." >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "The tests need $missing, which test.sh installs with apt-get, and this machine has no apt-get: install them with its own package manager (CHROMIUM_PATH may name a Chromium)." >&2
    exit 1
  fi
  echo "Installing from Debian's packages: $missing"
  "${as_root[@]}" apt-get update -qq
  # shellcheck disable=SC2086
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  missing="$(missing_test_tools)"
  if [[ -n $missing ]]; then
    echo "The tests need $missing, still missing after apt-get install ${TEST_PACKAGES[*]}: set CHROMIUM_PATH if this machine's Chromium is elsewhere." >&2
    exit 1
  fi
}
