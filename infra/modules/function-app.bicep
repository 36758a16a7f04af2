// The Function App: Linux, .NET isolated worker, on the Flex Consumption plan, which runs Kafka triggers and scales
// each of them out on its own (target-based scaling on consumer lag, no runtime scale monitoring to switch on).
// Every connection is identity-based or a Key Vault reference: no key or password is an app setting.

import { KafkaSecretNames, Tags } from 'types.bicep'

@description('Name of the Function App, unique in Azure (it becomes <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param name string

@description('Name of its Flex Consumption plan.')
param planName string

@description('Azure region of both.')
param location string

@description('Version of the .NET isolated worker runtime, matching the app\'s target framework.')
param dotnetVersion string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Name of the Function App\'s user-assigned identity, which is its only identity.')
param appIdentityName string

@description('Storage account for the host, the deployment package and the pipeline\'s tables.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component the app reports to.')
param appInsightsName string

@description('Vault holding the Kafka connection.')
param keyVaultName string

@description('Secrets holding the Kafka connection.')
param kafkaSecretNames KafkaSecretNames

@description('The app\'s TablePrefix setting: a prefix for every table name.')
param tablePrefix string

@description('Tags for both resources.')
param tags Tags

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Unversioned secret URIs: the platform picks up a rotated secret without a redeployment.
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${appIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: appIdentity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and the runtime version from functionAppConfig, not from settings.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The host's storage and the pipeline's tables, through the identity (TableServiceConnection reads these).
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: appIdentity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
    TablePrefix: tablePrefix
    // Event Hubs and Confluent Cloud both speak SASL_SSL with PLAIN; the deployed build's triggers are built for it
    // (-p:KafkaTriggerProtocol=SaslSsl), and the app refuses to start if these two disagree with that build.
    KafkaSecurityProtocol: 'SaslSsl'
    KafkaSaslMechanism: 'Plain'
    KafkaBrokerList: keyVaultReference(vault.properties.vaultUri, kafkaSecretNames.brokerList)
    KafkaSaslUsername: keyVaultReference(vault.properties.vaultUri, kafkaSecretNames.saslUsername)
    KafkaSaslPassword: keyVaultReference(vault.properties.vaultUri, kafkaSecretNames.saslPassword)
  }
}

// Deployments sign in with Microsoft Entra ID; publishing with a username and password is off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

@description('Name of the Function App.')
output name string = app.name

@description('Host name of the Function App.')
output defaultHostName string = app.properties.defaultHostName
