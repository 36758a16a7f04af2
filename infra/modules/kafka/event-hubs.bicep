// Kafka on Azure Event Hubs: one event hub per topic of the pipeline (dead-letter topics included), reached through
// the namespace's Kafka endpoint, which speaks SASL_SSL with PLAIN, the username "$ConnectionString" and a namespace
// connection string as the password. That connection string goes straight into Key Vault: it never leaves this module
// as a parameter or an output.

import { KafkaSecretNames, Tags } from '../types.bicep'

@description('Name of the Event Hubs namespace: 6 to 50 letters, digits and hyphens, unique in Azure.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Azure region of the namespace.')
param location string

@description('Event Hubs tier. Standard is the smallest with a Kafka endpoint and allows 10 event hubs per namespace, exactly what the pipeline has; Premium allows 100 per processing unit.')
@allowed(['Standard', 'Premium'])
param sku string

@description('Throughput units (Standard: 1 to 40) or processing units (Premium: 1, 2, 4, 8 or 16).')
@minValue(1)
@maxValue(40)
param capacity int

@description('Topics to create as event hubs.')
param topics string[]

@description('Partitions per event hub (Standard allows up to 32).')
@minValue(1)
@maxValue(32)
param partitions int

@description('Hours an event hub keeps events (Standard: up to 168).')
@minValue(1)
param retentionInHours int

@description('Vault that receives the Kafka connection.')
param keyVaultName string

@description('Names of the secrets to write.')
param secretNames KafkaSecretNames

@description('Tags for the namespace.')
param tags Tags

// Premium sells processing units in these steps only; refused here, before anything is deployed, rather than by the
// resource provider half-way through.
var premiumCapacities = [1, 2, 4, 8, 16]
var checkedCapacity = sku == 'Premium' && !contains(premiumCapacities, capacity)
  ? fail('eventHubsCapacity: Premium takes 1, 2, 4, 8 or 16 processing units, not ${capacity}')
  : capacity

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: { name: sku, tier: sku, capacity: checkedCapacity }
  properties: {
    minimumTlsVersion: '1.2'
    // The Kafka endpoint authenticates SASL PLAIN with shared access signatures, which this keeps on.
    disableLocalAuth: false
  }
}

resource eventHubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [
  for topic in topics: {
    parent: namespace
    name: topic
    properties: {
      partitionCount: partitions
      retentionDescription: {
        cleanupPolicy: 'Delete'
        retentionTimeInHours: retentionInHours
      }
    }
  }
]

// The app produces and consumes; it never manages the namespace.
resource appAccess 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: namespace
  name: 'event-functions-app'
  properties: { rights: ['Listen', 'Send'] }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The Kafka endpoint is the namespace's host on port 9093 (serviceBusEndpoint is https://<host>:443/).
var kafkaEndpoint = '${split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]}:9093'

resource brokerList 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.brokerList
  properties: { value: kafkaEndpoint, contentType: 'Kafka bootstrap servers' }
}

resource saslUsername 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.saslUsername
  properties: { value: '$ConnectionString', contentType: 'Kafka SASL username' }
}

resource saslPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.saslPassword
  properties: { value: appAccess.listKeys().primaryConnectionString, contentType: 'Kafka SASL password' }
  dependsOn: [eventHubs]
}

@description('Name of the namespace.')
output namespaceName string = namespace.name

@description('The Kafka bootstrap server (not a secret: the namespace host on port 9093).')
output bootstrapServers string = kafkaEndpoint
