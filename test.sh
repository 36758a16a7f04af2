#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against the embedded Kafka cluster and Azurite.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "Category!=Integration" for the unit tests only
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
start_azurite
dotnet test EventFunctions.sln -c Release "$@"
