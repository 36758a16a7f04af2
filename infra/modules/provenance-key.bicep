// The pipeline's provenance key (docs/provenance.md), given as a secure parameter, goes into Key Vault and nowhere
// else. Written only when given: a later deployment that gives none leaves the vault's key as it is.

import { Tags } from 'types.bicep'

@description('The key: base64 of at least 32 random bytes.')
@secure()
@minLength(44)
param key string

@description('Vault that receives the key.')
param keyVaultName string

@description('Name of the secret.')
param secretName string

@description('Tags for the secret.')
param tags Tags

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  tags: tags
  properties: { value: key, contentType: 'EventFunctions provenance key (base64)' }
}
