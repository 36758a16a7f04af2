// Shapes shared by main.bicep and its modules.

@export()
@description('Resource tags: names to string values.')
type Tags = {
  *: string
}

@export()
@description('The Key Vault secrets that hold the Kafka connection. Both Kafka modules write the same three, so the Function App reads them the same way whichever one ran.')
type KafkaSecretNames = {
  @description('Secret holding the bootstrap servers (KafkaBrokerList).')
  brokerList: string
  @description('Secret holding the SASL username (KafkaSaslUsername).')
  saslUsername: string
  @description('Secret holding the SASL password (KafkaSaslPassword).')
  saslPassword: string
}

@export()
@description('What the pipeline needs from Azure: infra/pipeline.json, the catalogue of the code as infrastructure reads it.')
type Pipeline = {
  @description('Every topic, dead-letter topics included.')
  topics: string[]
  @description('Partitions per topic.')
  partitions: int
  @description('Every Table Storage table.')
  tables: string[]
  @description('Every function of the Functions app, by the name the platform knows it.')
  functions: string[]
}

@export()
@description('Always-ready instances of Flex Consumption, per function ("function:<Name>") or group ("http").')
type AlwaysReady = {
  @description('"function:<Name>" for one function, or "http" for the HTTP functions together.')
  name: string
  @description('Instances kept ready, billed while idle.')
  @minValue(1)
  instanceCount: int
}[]
