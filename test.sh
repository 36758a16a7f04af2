#!/usr/bin/env bash
# Sets up what the tests need (the Debian packages they drive, as root or through sudo; the pinned Azurite), then
# runs every test: unit tests, the Functions app's binding and adapter tests, integration tests against the
# embedded Kafka cluster and Azurite, the order board in headless Chromium, infra/ compiled, linted and checked
# against the app, then the fault suite
# (storage outages, host crashes, throttling, permanent failures, dead-letter redrive) on its own, so that its
# timings do not compete with the other suites for the two cores.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "Category!=Integration" for the tests that need neither.
# FAULT_SUITE=long ./test.sh runs the fault suite at full size (3,000 orders, a five-minute outage, seven crashes).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
source scripts/kafka-worker-extension.sh
source scripts/test-tools.sh
# The whole run first installs the Debian packages the tests drive (Chromium, kcat), before anything slow starts.
if [[ $# -eq 0 ]]; then
  ensure_test_tools
fi
install_azurite
start_azurite
kafka_extension="$(kafka_worker_extension)"
report_worker_packages "$kafka_extension"
if [[ $# -gt 0 ]]; then
  dotnet test EventFunctions.sln -c Release -p:KafkaWorkerExtension="$kafka_extension" "$@"
  exit
fi
dotnet test EventFunctions.sln -c Release -p:KafkaWorkerExtension="$kafka_extension" --filter "Category!=Faults"
# The build infra/deploy.sh ships (triggers for SASL_SSL): its generated metadata, and it must start on the settings
# the Bicep deploys.
echo "Deployed build: the Functions app built with -p:KafkaTriggerProtocol=SaslSsl"
dotnet test tests/EventFunctions.FunctionsApp.Tests -c Release -p:KafkaWorkerExtension="$kafka_extension" \
  -p:KafkaTriggerProtocol=SaslSsl --filter "Category=Metadata"
dotnet test tests/EventFunctions.Infra.Tests -c Release -p:KafkaWorkerExtension="$kafka_extension" \
  -p:KafkaTriggerProtocol=SaslSsl --filter "Category=DeployedBuild"
echo "Fault suite (${FAULT_SUITE:-short} run): outages, crashes and failures against the real parts"
dotnet test tests/EventFunctions.FaultTests -c Release --no-build --logger "console;verbosity=detailed"
