#!/usr/bin/env bash
# Runs every test: unit tests, the Functions app's binding and adapter tests, integration tests against the
# embedded Kafka cluster and Azurite, and infra/ compiled, linted and checked against the app.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "Category!=Integration" for the tests that need neither.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
source scripts/worker-packages.sh
start_azurite
worker_reference="$(functions_worker_reference)"
dotnet test EventFunctions.sln -c Release -p:FunctionsWorkerReference="$worker_reference" "$@"
if [[ $# -eq 0 ]]; then
  # The build infra/deploy.sh ships (triggers for SASL_SSL) must start on the settings the Bicep deploys.
  echo "Deployed build: the Functions app built with -p:KafkaTriggerProtocol=SaslSsl"
  dotnet test tests/EventFunctions.Infra.Tests -c Release -p:FunctionsWorkerReference="$worker_reference" \
    -p:KafkaTriggerProtocol=SaslSsl --filter "Category=DeployedBuild"
fi
