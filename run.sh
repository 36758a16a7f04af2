#!/usr/bin/env bash
# Runs the whole pipeline on the embedded default: librdkafka's in-process Kafka cluster and Azurite.
# Extra arguments go to the host, e.g. ./run.sh bench --orders 2000, or ./run.sh --KafkaBrokerList=host:9092
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
start_azurite
dotnet run --project functions/EventFunctions.LocalHost -c Release -- "$@"
