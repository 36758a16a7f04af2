# Sourced by run.sh and test.sh: makes Table Storage available on 127.0.0.1:10002, the address that
# "UseDevelopmentStorage=true" names. Reuses an Azurite already serving there; otherwise installs the version
# pinned in package-lock.json and starts its Table service in memory, stopping it when the calling script exits.
# install_azurite alone installs it (the fault suite starts Azurites of its own). AZURITE_TABLE_PORT moves it
# elsewhere, for the tests of this script.

AZURITE_TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"

table_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT") 2>/dev/null; }

# Whether what listens on the port answers a request as Azurite's Table service does. An open port is not enough:
# an Azurite that is closing still accepts connections for a moment, and a host started on it finds it gone.
azurite_answers() {
  local reply
  reply="$( (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT" &&
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 &&
    timeout 2 cat <&3) 2>/dev/null)"
  [[ $reply == *"Server: Azurite-Table/"* ]]
}

install_azurite() {
  if [ ! -x node_modules/.bin/azurite-table ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing the pinned Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Reuses a live Azurite; waits out one that holds the port without serving (most often the Azurite of a run that
# has just stopped, still closing) for up to 10 s, then starts one of its own.
start_azurite() {
  if table_port_open; then
    if azurite_answers; then
      echo "Table Storage: reusing Azurite on 127.0.0.1:$AZURITE_TABLE_PORT"
      return
    fi
    echo "Table Storage: 127.0.0.1:$AZURITE_TABLE_PORT is open but does not answer as Azurite; waiting for it to close..."
    local until=$((SECONDS + 10))
    while ((SECONDS < until)); do
      table_port_open || break
      if azurite_answers; then
        echo "Table Storage: reusing Azurite on 127.0.0.1:$AZURITE_TABLE_PORT"
        return
      fi
      sleep 0.2
    done
    if table_port_open; then
      echo "Table Storage: 127.0.0.1:$AZURITE_TABLE_PORT is held by something that does not answer as Azurite's Table service; stop it (ss -ltnp 'sport = :$AZURITE_TABLE_PORT' names it) and run again." >&2
      exit 1
    fi
  fi
  install_azurite
  node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
    --skipApiVersionCheck --disableTelemetry --silent &
  AZURITE_PID=$!
  trap stop_azurite EXIT
  for _ in $(seq 1 150); do
    azurite_answers && { echo "Table Storage: Azurite (in memory) on 127.0.0.1:$AZURITE_TABLE_PORT"; return; }
    kill -0 "$AZURITE_PID" 2>/dev/null || { echo "Azurite exited before it listened" >&2; exit 1; }
    sleep 0.2
  done
  echo "Azurite did not listen on 127.0.0.1:$AZURITE_TABLE_PORT within 30 s" >&2
  exit 1
}

# Stops the Azurite this script started and waits until it is gone, so that the next run finds the port free rather
# than an Azurite still closing. Azurite ends by the SIGTERM, so wait reports 143: under the callers' set -e that
# status, left as the last of an && list, would become the exit status of the whole run.
stop_azurite() {
  if kill "$AZURITE_PID" 2>/dev/null; then
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
