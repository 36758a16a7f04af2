#!/usr/bin/env bash
# Deploys EventFunctions to Azure with the Azure CLI, in one command: the infrastructure (infra/main.bicep, with the
# defaults in infra/main.bicepparam), then the Functions app, built for SASL_SSL as Event Hubs and Confluent Cloud
# require, zip-deployed to the Flex Consumption app.
#
#   ./infra/deploy.sh --resource-group rg-eventfunctions --location swedencentral
#   KAFKA_BOOTSTRAP_SERVERS=... KAFKA_SASL_USERNAME=... KAFKA_SASL_PASSWORD=... \
#     ./infra/deploy.sh --resource-group rg-eventfunctions --location swedencentral --kafka existingCluster
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: infra/deploy.sh --resource-group NAME --location REGION [--kafka eventHubs|existingCluster] [--name BASE]

  --resource-group, -g  resource group to deploy into (created if missing)
  --location, -l        Azure region offering the Flex Consumption plan, e.g. swedencentral, eastus
  --kafka               eventHubs (default): a new Event Hubs namespace with the pipeline's topics
                        existingCluster: your SASL_SSL/PLAIN cluster (Confluent Cloud), read from the environment:
                        KAFKA_BOOTSTRAP_SERVERS, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (stored in Key Vault only)
  --name                short name that starts every resource name (default: eventfunctions)

Needs the Azure CLI (signed in: az login), the .NET 10 SDK with nuget.org, zip and openssl.
USAGE
}

fail() { echo "deploy.sh: $*" >&2; exit 2; }

# Each option takes its value as the next argument or after '=' (--location=swedencentral); a value that looks like
# an option is refused, so a forgotten value never swallows the next flag.
value_of() {
  local option="$1" value="$2"
  [[ -n $value ]] || fail "$option needs a value"
  [[ $value != -* ]] || fail "$option needs a value, not the option '$value'"
  printf '%s' "$value"
}

resource_group="" location="" kafka="eventHubs" name="eventfunctions"
while [[ $# -gt 0 ]]; do
  option="$1" value=""
  if [[ $option == --*=* ]]; then
    value="${option#*=}" option="${option%%=*}"
    shift
  elif [[ $option != -h && $option != --help ]]; then
    value="${2:-}"
    shift
    [[ $# -gt 0 ]] && shift
  fi
  case "$option" in
    -g|--resource-group) resource_group="$(value_of "$option" "$value")" ;;
    -l|--location) location="$(value_of "$option" "$value")" ;;
    --kafka) kafka="$(value_of "$option" "$value")" ;;
    --name) name="$(value_of "$option" "$value")" ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument '$option'" ;;
  esac
done

[[ -n $resource_group ]] || { usage >&2; fail "--resource-group is required"; }
[[ -n $location ]] || { usage >&2; fail "--location is required"; }
# It starts every resource name, storage accounts' included: lowercase letters and digits, hyphens in between.
[[ $name =~ ^[a-z][a-z0-9-]{1,14}[a-z0-9]$ ]] || fail "--name must be 3 to 16 lowercase letters, digits or inner hyphens, not '$name'"
case "$kafka" in
  eventHubs) ;;
  existingCluster)
    for setting in KAFKA_BOOTSTRAP_SERVERS KAFKA_SASL_USERNAME KAFKA_SASL_PASSWORD; do
      [[ -n ${!setting:-} ]] || fail "--kafka existingCluster reads the cluster's connection from the environment: set $setting"
    done ;;
  *) fail "--kafka must be eventHubs or existingCluster, not '$kafka'" ;;
esac
for tool in az dotnet zip openssl; do
  command -v "$tool" >/dev/null || fail "'$tool' is not on PATH (see --help for what this script needs)"
done

cd "$(dirname "$0")/.."
# main.bicepparam reads these (and the KAFKA_* ones) when the Azure CLI compiles it.
export EVENTFUNCTIONS_NAME="$name" EVENTFUNCTIONS_KAFKA="$kafka"
deployment="eventfunctions"

echo "==> Resource group $resource_group ($location)"
az group create --name "$resource_group" --location "$location" --output none

# The provenance key (docs/provenance.md): generated for the first deployment, into Key Vault only; afterwards the
# vault's is kept, so records signed before a redeployment still verify. Asked of Azure Resource Manager, which
# needs no right to read secrets: a vault of this name's, holding the secret.
vault_suffix="$(printf '%s' "${name//-/}" | cut -c1-7)"
vault_id="$(az keyvault list --resource-group "$resource_group" --query "[?ends_with(name, '-$vault_suffix')].id | [0]" --output tsv 2>/dev/null || true)"
if [[ -n $vault_id ]] && az resource show --ids "$vault_id/secrets/provenance-key" --output none 2>/dev/null; then
  export PROVENANCE_KEY="" PROVENANCE_KEY_MODE=keep
else
  PROVENANCE_KEY="$(openssl rand -base64 32)"
  export PROVENANCE_KEY PROVENANCE_KEY_MODE=write
fi

echo "==> Infrastructure: infra/main.bicep, Kafka on $kafka"
az deployment group create --resource-group "$resource_group" --name "$deployment" \
  --parameters infra/main.bicepparam --output none
output() {
  az deployment group show --resource-group "$resource_group" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}
app="$(output functionAppName)"
api="$(output apiBaseUrl)"

echo "==> Functions app: built for SASL_SSL, deployed to $app"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The Kafka extension fixes the triggers' protocol at build time; the app settings say SaslSsl to match.
dotnet publish functions/EventFunctions.FunctionsApp -c Release -p:KafkaTriggerProtocol=SaslSsl -o "$work/app"
(cd "$work/app" && zip -qr "$work/app.zip" .)
# The app uploads the package with its identity, whose role on the storage account is minutes old on a first
# deployment; until Azure has propagated it, the upload is refused. So retry for a while before giving up.
for attempt in 1 2 3 4 5 6 7 8; do
  if az functionapp deployment source config-zip --resource-group "$resource_group" --name "$app" \
    --src "$work/app.zip" --output none; then
    break
  fi
  if [[ $attempt == 8 ]]; then
    echo "deploy.sh: the package upload kept failing; the infrastructure is in place, so run this script again later." >&2
    exit 1
  fi
  echo "    upload refused (attempt $attempt of 8): new role assignments can take minutes to apply; retrying in 30 s" >&2
  sleep 30
done

cat <<DONE

Deployed. API: $api
The API asks for a function key (header x-functions-key); send a first order with:

  key=\$(az functionapp keys list -g $resource_group -n $app --query functionKeys.default -o tsv)
  curl -X PUT $api/inventory/pen -H "x-functions-key: \$key" -H 'content-type: application/json' -d '{"quantity": 10, "unitPrice": 2.5}'
  curl -i -X POST $api/orders -H "x-functions-key: \$key" -H 'content-type: application/json' \\
    -d '{"orderId": "o-1", "customerId": "alice", "lines": [{"sku": "pen", "quantity": 2}], "paymentToken": "tok_visa"}'
  curl "$api/orders/o-1?waitFor=final&waitSeconds=30" -H "x-functions-key: \$key"
DONE
