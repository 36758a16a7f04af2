// EventFunctions on Azure: the Functions app and everything it needs, in one resource group.
//
//   identity        the app's user-assigned managed identity
//   monitoring      Log Analytics + Application Insights (Entra ID ingestion only)
//   storage         host blobs, deployment package, the pipeline's tables (shared-key access off)
//   key-vault       the Kafka connection, RBAC mode
//   kafka/*         Event Hubs with one event hub per topic, or an existing cluster; either writes the connection to the vault
//   secret-readers  the app's identity may read those secrets, one role assignment each
//   function-app    Flex Consumption plan + Linux .NET isolated Function App
//
// Deploy with infra/deploy.sh (docs/deploy.md); main.bicepparam holds the defaults.

import { AlwaysReady, KafkaSecretNames, Pipeline, Tags } from 'modules/types.bicep'

@description('Azure region for every resource. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Short name that starts every resource name, with a suffix unique to the resource group: lowercase letters, digits and inner hyphens.')
@minLength(3)
@maxLength(16)
param baseName string = 'eventfunctions'

@description('Where Kafka runs: eventHubs creates an Event Hubs namespace with the pipeline\'s topics; existingCluster uses the bootstrap servers and credentials given below (SASL_SSL with PLAIN, e.g. Confluent Cloud), whose cluster must already have the topics.')
@allowed(['eventHubs', 'existingCluster'])
param kafkaSource string = 'eventHubs'

@description('existingCluster only: bootstrap servers, host:port[,host:port...]. Stored in Key Vault.')
@secure()
param kafkaBootstrapServers string = ''

@description('existingCluster only: SASL username (Confluent Cloud: the API key). Stored in Key Vault.')
@secure()
param kafkaSaslUsername string = ''

@description('existingCluster only: SASL password (Confluent Cloud: the API secret). Stored in Key Vault.')
@secure()
param kafkaSaslPassword string = ''

@description('eventHubs only: the namespace tier. Standard holds the pipeline\'s 10 topics exactly (its limit is 10 event hubs); Premium for more.')
@allowed(['Standard', 'Premium'])
param eventHubsSku string = 'Standard'

@description('eventHubs only: throughput units (Standard: 1 to 40) or processing units (Premium: 1, 2, 4, 8 or 16; any other count fails the deployment before it starts).')
@minValue(1)
@maxValue(40)
param eventHubsCapacity int = 1

@description('eventHubs only: hours each topic keeps its events (Standard allows up to 168).')
@minValue(1)
param eventHubsRetentionInHours int = 168

@description('Most instances the Function App scales out to (Flex Consumption: 1 to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances, per function or group, kept warm so that no cold start delays a record or a request: "function:<Name>" for one function (e.g. "function:ValidateOrder"; the names of infra/pipeline.json), "http" for every HTTP function together. They are billed while idle; none by default.')
param alwaysReady AlwaysReady = []

@description('Resource id of an existing subnet for virtual network integration, so that the app reaches a Kafka cluster (or anything else) that only a private network reaches. The subnet must be delegated to Microsoft.App/environments and be in the app\'s region. Empty: no integration, outbound traffic goes to public endpoints.')
param virtualNetworkSubnetId string = ''

@description('Memory of each Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Redundancy of the storage account holding the pipeline\'s tables.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('The app\'s TablePrefix: a prefix for every table name (letters and digits), for several pipelines in one account.')
param tablePrefix string = ''

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('The pipeline\'s provenance key (base64 of at least 32 random bytes), which signs every record it produces (docs/provenance.md); read only when provenanceKeyMode is "write". deploy.sh generates one for the first deployment.')
@secure()
param provenanceKey string = ''

@description('Where the app\'s provenance key comes from. "write": provenanceKey is written to Key Vault as "provenance-key" and the app reads it there (a first deployment). "keep": the vault holds it already; the app reads it there (any later deployment). "none": the app generates its key once and keeps it in its Operations table.')
@allowed(['none', 'write', 'keep'])
param provenanceKeyMode string = 'none'

@description('Days a deleted Key Vault or secret stays recoverable (its name stays taken as long).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 7

@description('Forbid purging the Key Vault before its soft-delete retention ends. Irreversible once on.')
param keyVaultPurgeProtection bool = false

@description('Tags for every resource.')
param tags Tags = { application: 'EventFunctions' }

// The code's catalogue as infrastructure reads it (tests check it against Topics.cs and TableStorage.cs).
var pipeline Pipeline = loadJsonContent('pipeline.json')

// The Functions app targets net10.0.
var dotnetVersion = '10.0'

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: 'id-${baseName}-${suffix}'
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  storage: 'st${take(replace(toLower(baseName), '-', ''), 9)}${suffix}'
  keyVault: 'kv-${take(suffix, 13)}-${take(replace(toLower(baseName), '-', ''), 7)}'
  eventHubs: 'evhns-${baseName}-${suffix}'
  plan: 'plan-${baseName}-${suffix}'
  functionApp: 'func-${baseName}-${suffix}'
  deploymentContainer: 'app-package'
}

var provenanceKeySecretName = 'provenance-key'
var provenanceKeyKept = provenanceKeyMode != 'none'

var kafkaSecretNames KafkaSecretNames = {
  brokerList: 'kafka-broker-list'
  saslUsername: 'kafka-sasl-username'
  saslPassword: 'kafka-sasl-password'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: names.identity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionInDays
    appIdentityName: names.identity
    tags: tags
  }
  dependsOn: [identity]
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    skuName: storageSku
    deploymentContainerName: names.deploymentContainer
    tableNames: map(pipeline.tables, table => '${tablePrefix}${table}')
    appIdentityName: names.identity
    tags: tags
  }
  dependsOn: [identity]
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
    tags: tags
  }
}

module eventHubs 'modules/kafka/event-hubs.bicep' = if (kafkaSource == 'eventHubs') {
  name: 'kafka-event-hubs'
  params: {
    namespaceName: names.eventHubs
    location: location
    sku: eventHubsSku
    capacity: eventHubsCapacity
    topics: pipeline.topics
    partitions: pipeline.partitions
    retentionInHours: eventHubsRetentionInHours
    keyVaultName: names.keyVault
    secretNames: kafkaSecretNames
    tags: tags
  }
  dependsOn: [keyVault]
}

module existingCluster 'modules/kafka/existing-cluster.bicep' = if (kafkaSource == 'existingCluster') {
  name: 'kafka-existing-cluster'
  params: {
    bootstrapServers: kafkaBootstrapServers
    saslUsername: kafkaSaslUsername
    saslPassword: kafkaSaslPassword
    keyVaultName: names.keyVault
    secretNames: kafkaSecretNames
  }
  dependsOn: [keyVault]
}

module provenance 'modules/provenance-key.bicep' = if (provenanceKeyMode == 'write') {
  name: 'provenance-key'
  params: {
    key: provenanceKey
    keyVaultName: names.keyVault
    secretName: provenanceKeySecretName
    tags: tags
  }
  dependsOn: [keyVault]
}

module secretReaders 'modules/secret-readers.bicep' = {
  name: 'kafka-secret-readers'
  params: {
    keyVaultName: names.keyVault
    secretNames: concat(
      [kafkaSecretNames.brokerList, kafkaSecretNames.saslUsername, kafkaSecretNames.saslPassword],
      provenanceKeyKept ? [provenanceKeySecretName] : []
    )
    readerIdentityName: names.identity
  }
  dependsOn: [identity, eventHubs, existingCluster, provenance]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReady
    functionNames: pipeline.functions
    virtualNetworkSubnetId: virtualNetworkSubnetId
    appIdentityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    kafkaSecretNames: kafkaSecretNames
    provenanceKeySecretName: provenanceKeyKept ? provenanceKeySecretName : ''
    tablePrefix: tablePrefix
    tags: tags
  }
  // The app resolves its Key Vault references and reaches storage as soon as it starts: grant access first.
  dependsOn: [storage, monitoring, secretReaders]
}

@description('Name of the Function App (for az functionapp commands).')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the orders API; calls need a function key in the x-functions-key header.')
output apiBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Where Kafka runs.')
output kafkaSource string = kafkaSource

@description('eventHubs only: the Kafka bootstrap server of the namespace (empty for an existing cluster).')
output eventHubsBootstrapServers string = kafkaSource == 'eventHubs' ? eventHubs!.outputs.bootstrapServers : ''
