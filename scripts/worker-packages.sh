# Sourced by test.sh: says whether to compile the Azure Functions app against the real worker packages (false) or,
# where the NuGet feed cannot serve them, against the compile-only reference in tests/EventFunctions.WorkerReference
# (true). FUNCTIONS_WORKER_REFERENCE=true or false skips the probe and forces one.

functions_worker_reference() {
  if [ -n "${FUNCTIONS_WORKER_REFERENCE:-}" ]; then
    echo "$FUNCTIONS_WORKER_REFERENCE"
  elif dotnet restore functions/EventFunctions.FunctionsApp -p:FunctionsWorkerReference=false >/dev/null 2>&1; then
    echo "Functions app: built with the real Azure Functions worker packages" >&2
    echo false
  else
    echo "Functions app: the worker packages cannot be restored from this NuGet feed; built against tests/EventFunctions.WorkerReference" >&2
    echo true
  fi
}
