// The Function App: Linux, .NET isolated worker, on the Flex Consumption plan, which runs Kafka triggers and scales
// each of them out on its own (target-based scaling on consumer lag, no runtime scale monitoring to switch on).
// Every connection is identity-based or a Key Vault reference: no key or password is an app setting.

import { AlwaysReady, KafkaSecretNames, Tags } from 'types.bicep'

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
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances per function ("function:<Name>") or group ("http").')
param alwaysReady AlwaysReady

@description('The app\'s functions that scale on their own, which "function:<Name>" may name.')
param functionNames string[]

@description('Resource id of a subnet delegated to Microsoft.App/environments for virtual network integration; empty for none.')
param virtualNetworkSubnetId string

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

@description('The Key Vault secret holding the provenance key, read as ProvenanceKey; empty: the app keeps a key it generates in its tables.')
param provenanceKeySecretName string

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

// An always-ready entry naming no function of the app would keep nothing warm, silently: refuse it before deploying.
var alwaysReadyNames = ['http', ...map(functionNames, function => 'function:${function}')]
var unknownAlwaysReady = filter(alwaysReady, entry => !contains(alwaysReadyNames, entry.name))
var checkedAlwaysReady = empty(unknownAlwaysReady)
  ? alwaysReady
  : fail('alwaysReady: ${join(map(unknownAlwaysReady, entry => entry.name), ', ')} names no function of the app; use "http" or "function:<Name>" with one of ${join(functionNames, ', ')}')

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
    // Outbound traffic to private addresses goes through the subnet: a Kafka cluster reachable only privately.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
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
        alwaysReady: checkedAlwaysReady
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
  properties: union({
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
  }, empty(provenanceKeySecretName) ? {} : {
    // The key every record is signed with (docs/provenance.md), from the vault rather than the app's own tables.
    ProvenanceKey: keyVaultReference(vault.properties.vaultUri, provenanceKeySecretName)
  })
}

// Deployments sign in with Microsoft Entra ID; publishing with a username and password is off. The policies carry
// the site's location, as Azure Verified Modules set it: ARM is reported to refuse them without one, although
// Bicep's type definition of the resource lacks the property (hence BCP187 silenced, here only).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  #disable-next-line BCP187
  location: location
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  #disable-next-line BCP187
  location: location
  properties: { allow: false }
}

@description('Name of the Function App.')
output name string = app.name

@description('Host name of the Function App.')
output defaultHostName string = app.properties.defaultHostName
