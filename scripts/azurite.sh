# Sourced by run.sh and test.sh: makes Table Storage available on 127.0.0.1:10002, the address that
# "UseDevelopmentStorage=true" names. Reuses an Azurite already listening there; otherwise installs the version
# pinned in package-lock.json and starts its Table service in memory, stopping it when the calling script exits.
# install_azurite alone installs it (the fault suite starts Azurites of its own).

AZURITE_TABLE_PORT=10002

table_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT") 2>/dev/null; }

install_azurite() {
  if [ ! -x node_modules/.bin/azurite-table ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing the pinned Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

start_azurite() {
  if table_port_open; then
    echo "Table Storage: reusing the service on 127.0.0.1:$AZURITE_TABLE_PORT"
    return
  fi
  install_azurite
  node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
    --skipApiVersionCheck --disableTelemetry --silent &
  AZURITE_PID=$!
  trap 'kill "$AZURITE_PID" 2>/dev/null' EXIT
  for _ in $(seq 1 150); do
    table_port_open && { echo "Table Storage: Azurite (in memory) on 127.0.0.1:$AZURITE_TABLE_PORT"; return; }
    kill -0 "$AZURITE_PID" 2>/dev/null || { echo "Azurite exited before it listened" >&2; exit 1; }
    sleep 0.2
  done
  echo "Azurite did not listen on 127.0.0.1:$AZURITE_TABLE_PORT within 30 s" >&2
  exit 1
}
