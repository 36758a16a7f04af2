// Safe defaults for infra/main.bicep. infra/deploy.sh sets the environment variables read here; nothing secret is
// ever written in this file.
using 'main.bicep'

param baseName = readEnvironmentVariable('EVENTFUNCTIONS_NAME', 'eventfunctions')
param kafkaSource = readEnvironmentVariable('EVENTFUNCTIONS_KAFKA', 'eventHubs')

// existingCluster only (Confluent Cloud or any SASL_SSL/PLAIN cluster).
param kafkaBootstrapServers = readEnvironmentVariable('KAFKA_BOOTSTRAP_SERVERS', '')
param kafkaSaslUsername = readEnvironmentVariable('KAFKA_SASL_USERNAME', '')
param kafkaSaslPassword = readEnvironmentVariable('KAFKA_SASL_PASSWORD', '')

// The provenance key (docs/provenance.md): deploy.sh generates one for the first deployment ("write") and keeps the
// vault's afterwards ("keep").
param provenanceKey = readEnvironmentVariable('PROVENANCE_KEY', '')
param provenanceKeyMode = readEnvironmentVariable('PROVENANCE_KEY_MODE', 'none')
