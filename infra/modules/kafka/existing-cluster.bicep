// Kafka you already run (Confluent Cloud or any cluster speaking SASL_SSL with PLAIN): its connection, given as
// secure parameters, goes into Key Vault and nowhere else. The cluster must already have the pipeline's topics.

import { KafkaSecretNames } from '../types.bicep'

@description('Bootstrap servers, host:port[,host:port...].')
@secure()
@minLength(1)
param bootstrapServers string

@description('SASL username (Confluent Cloud: the API key).')
@secure()
@minLength(1)
param saslUsername string

@description('SASL password (Confluent Cloud: the API secret).')
@secure()
@minLength(1)
param saslPassword string

@description('Vault that receives the Kafka connection.')
param keyVaultName string

@description('Names of the secrets to write.')
param secretNames KafkaSecretNames

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource brokerList 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.brokerList
  properties: { value: bootstrapServers, contentType: 'Kafka bootstrap servers' }
}

resource username 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.saslUsername
  properties: { value: saslUsername, contentType: 'Kafka SASL username' }
}

resource password 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.saslPassword
  properties: { value: saslPassword, contentType: 'Kafka SASL password' }
}
