// Mirrored from Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0 (7097a85e): extensions/Worker.Extensions.Kafka/src/KafkaRecordConverter.cs
// Copyright (c) .NET Foundation. All rights reserved.
// Licensed under the MIT License. See License.txt in the project root for license information.
//
// The declaration only: the type, its attributes, constants and signature as upstream, because the Worker.Sdk reads
// them ([InputConverter] on KafkaTriggerAttribute names this type; [SupportsDeferredBinding] on it is what makes the
// generated metadata say "supportsDeferredBinding", so the host sends KafkaRecord model binding data, not object[]).
// The body, which parses the host's Protobuf KafkaRecordProto, is not mirrored: this assembly compiles the app and
// its tests; it never converts a record. A build that needs it uses the real package.

using System;
using System.Threading.Tasks;
using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Converter to bind to <see cref="KafkaRecord"/> or <see cref="KafkaRecord[]"/> type parameters.
    /// Deserializes Protobuf-encoded ModelBindingData from the host-side Kafka extension.
    /// </summary>
    [SupportsDeferredBinding]
    [SupportedTargetType(typeof(KafkaRecord))]
    [SupportedTargetType(typeof(KafkaRecord[]))]
    internal class KafkaRecordConverter : IInputConverter
    {
        internal const string ExpectedBindingSource = "AzureKafkaRecord";
        internal const string ExpectedContentType = "application/x-protobuf";

        public ValueTask<ConversionResult> ConvertAsync(ConverterContext context) =>
            throw new NotSupportedException(
                "This is the compile-only mirror of Microsoft.Azure.Functions.Worker.Extensions.Kafka " +
                "(tests/EventFunctions.KafkaExtensionMirror); build with -p:KafkaWorkerExtension=package to run under the Functions host.");
    }
}
