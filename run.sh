#!/usr/bin/env bash
# Runs the whole pipeline on the embedded default: librdkafka's in-process Kafka cluster and Azurite.
# Extra arguments go to the host, e.g. ./run.sh bench --orders 2000, or ./run.sh --KafkaBrokerList=host:9092;
# ./run.sh --help lists them. The operators' verbs (dlq list, dlq redrive, overdue, views) call a running pipeline's API.
set -euo pipefail
cd "$(dirname "$0")"

# Azurite is started (or one already serving on 127.0.0.1:10002 reused) only when the host will use it: Table Storage left
# to its default, or set to the development store.
uses_development_storage() {
  local storage="${AzureWebJobsStorage:-}" previous=""
  for arg in "$@"; do
    case "$arg" in
      -h|--help|help|dlq|overdue|views) return 1 ;;
      --AzureWebJobsStorage=*) storage="${arg#*=}" ;;
      --AzureWebJobsStorage__tableServiceUri*|--AzureWebJobsStorage:tableServiceUri*) storage="identity" ;;
    esac
    [[ $previous == --AzureWebJobsStorage ]] && storage="$arg"
    previous="$arg"
  done
  [[ -z $storage || $storage == UseDevelopmentStorage=true* ]]
}

if uses_development_storage "$@"; then
  source scripts/azurite.sh
  start_azurite
fi
# The benchmark is a program of its own, which starts a local pipeline in its process; every other command is the host's.
project=functions/EventFunctions.LocalHost
[[ ${1:-} == bench ]] && project=functions/EventFunctions.Benchmark
dotnet run --project "$project" -c Release -- "$@"
