// The Function App's one identity. User-assigned, so its role assignments exist before the app first starts and
// the same identity reads storage, Key Vault secrets and Application Insights.

import { Tags } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags Tags

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}
