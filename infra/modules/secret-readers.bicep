// Read access to the Kafka secrets for one identity, granted secret by secret (Key Vault Secrets User), so the
// Function App reads these secrets and no other, and nobody else is granted anything by this deployment.

@description('Vault that holds the secrets.')
param keyVaultName string

@description('Secrets the identity may read.')
param secretNames string[]

@description('Name of the user-assigned identity that reads them.')
param readerIdentityName string

// Key Vault Secrets User: read secret contents.
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: readerIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = [
  for name in secretNames: {
    parent: vault
    name: name
  }
]

resource readers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in secretNames: {
    name: guid(secrets[i].id, reader.id, secretsUser)
    scope: secrets[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
      principalId: reader.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]
