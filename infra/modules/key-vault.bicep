// The vault for the Kafka credentials. RBAC mode: no access policies, and no data-plane role is granted here;
// secret-readers.bicep grants the Function App's identity read access to exactly the secrets it needs.

import { Tags } from 'types.bicep'

@description('Name of the vault: 3 to 24 letters, digits and hyphens, unique in Azure.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Days a deleted vault or secret can be recovered (7 to 90). A vault name stays taken for this long after deletion.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Forbid purging deleted secrets before their retention ends. Irreversible once on.')
param enablePurgeProtection bool

@description('Tags for the vault.')
param tags Tags

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM rejects false here; leaving it out keeps it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}
