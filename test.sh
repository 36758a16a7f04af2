#!/usr/bin/env bash
# Runs every test: unit tests, the Functions app's binding and adapter tests, and integration tests against the
# embedded Kafka cluster and Azurite.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "Category!=Integration" for the tests that need neither.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
source scripts/worker-packages.sh
start_azurite
dotnet test EventFunctions.sln -c Release -p:FunctionsWorkerReference="$(functions_worker_reference)" "$@"
