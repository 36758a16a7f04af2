#!/usr/bin/env bash
# Runs the whole pipeline on the embedded default: librdkafka's in-process Kafka cluster and Azurite.
# Extra arguments go to the host, e.g. ./run.sh bench --orders 2000, or ./run.sh --KafkaBrokerList=host:9092
# The operators' verbs (./run.sh dlq list, ./run.sh dlq redrive, ./run.sh overdue) talk to a running pipeline's API.
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  dlq|overdue) ;;
  *) source scripts/azurite.sh; start_azurite ;;
esac
dotnet run --project functions/EventFunctions.LocalHost -c Release -- "$@"
