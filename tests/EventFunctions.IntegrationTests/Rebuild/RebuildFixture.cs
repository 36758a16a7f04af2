using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.IntegrationTests.Rebuild;

/// <summary>
/// A pipeline of its own for the rebuild tests, whose switches and rollbacks change what every reader of the cluster
/// sees. The versions' TTL is short, so a build may switch a few seconds after it starts; read models added later are
/// not built by themselves, so a test can fill one from history it made first.
/// </summary>
public class RebuildFixture : PipelineFixture
{
    protected override LocalPipelineOptions Options(LocalPipelineOptions options) => options with
    {
        ViewRebuild = new ViewRebuildOptions
        {
            VersionsTtl = TimeSpan.FromSeconds(1),
            CheckInterval = TimeSpan.FromMilliseconds(500),
            BuildNewReadModels = false,
        },
    };
}
