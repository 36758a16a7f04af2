// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Kafka 4.3.3: extensions/Worker.Extensions.Kafka/src/KafkaTriggerAttribute.cs (@ 223d0906)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Declared: the constructor, Topic, BrokerList, ConsumerGroup, AuthenticationMode, Username, Password, Protocol,
// LagThreshold, IsBatched and the explicit ISupportCardinality.Cardinality, exactly as upstream (defaults included).
// OMITTED (unused by the app): AvroSchema, KeyAvroSchema, KeyDataType, SslKeyLocation, SslCaLocation,
// SslCertificateLocation, SslKeyPassword, SchemaRegistryUrl/Username/Password, the OAuthBearer* properties and
// (4.3.3, PR #3495) HttpsCaLocation/HttpsCaPem.
// [DefaultValue(false)] is Microsoft.Azure.Functions.Worker.Extensions.Abstractions.DefaultValueAttribute: upstream
// imports System, System.Collections.Generic, System.Text and the Abstractions namespace only.

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    [BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
    public sealed class KafkaTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
    {
        private bool _isBatched = false;

        /// <summary>
        /// Initialize a new instance of the <see cref="KafkaTriggerAttribute"/>
        /// </summary>
        /// <param name="brokerList">Name of broker list</param>
        /// <param name="topic">Name of topic</param>
        public KafkaTriggerAttribute(string brokerList, string topic)
        {
            BrokerList = brokerList;
            Topic = topic;
        }

        /// <summary>
        /// Gets or sets the topic
        /// </summary>
        public string Topic { get; private set; }

        /// <summary>
        /// Gets or sets the broker list
        /// </summary>
        public string BrokerList { get; private set; }

        /// <summary>
        /// Gets or sets the consumer group
        /// </summary>
        public string ConsumerGroup { get; set; }

        /// <summary>
        /// SASL mechanism to use for authentication.
        /// Allowed values: Gssapi, Plain, ScramSha256, ScramSha512, OAuthBearer
        /// Default: Plain
        ///
        /// sasl.mechanism in librdkafka
        /// </summary>
        public BrokerAuthenticationMode AuthenticationMode { get; set; } = BrokerAuthenticationMode.NotSet;

        /// <summary>
        /// SASL username for use with the PLAIN and SASL-SCRAM-.. mechanisms
        /// Default: ""
        ///
        /// 'sasl.username' in librdkafka
        /// </summary>
        public string Username { get; set; }

        /// <summary>
        /// SASL password for use with the PLAIN and SASL-SCRAM-.. mechanism
        /// Default: ""
        ///
        /// sasl.password in librdkafka
        /// </summary>
        public string Password { get; set; }

        /// <summary>
        /// Gets or sets the security protocol used to communicate with brokers
        /// Default is plain text
        ///
        /// security.protocol in librdkafka
        /// </summary>
        public BrokerProtocol Protocol { get; set; } = BrokerProtocol.NotSet;

        /// <summary>
        /// Maximum number of unprocessed messages a worker is expected to have at an instance.
        /// When target-based scaling is not disabled, this is used to divide the
        /// total unprocessed event count to determine the number of worker instances,
        /// which will then be rounded up to a worker instance count that creates a balanced partition distribution.
        /// Default: 1000
        /// </summary>
        public long LagThreshold { get; set; } = 1000;

        /// <summary>
        /// Gets or sets the configuration to enable batch processing of events. Default value is "false".
        /// </summary>
        [DefaultValue(false)]
        public bool IsBatched
        {
            get => _isBatched;
            set => _isBatched = value;
        }

        Cardinality ISupportCardinality.Cardinality
        {
            get
            {
                if (_isBatched)
                {
                    return Cardinality.Many;
                }
                else
                {
                    return Cardinality.One;
                }
            }
            set
            {
                if (value.Equals(Cardinality.Many))
                {
                    _isBatched = true;
                }
                else
                {
                    _isBatched = false;
                }
            }
        }
    }
}
