using EventFunctions.Processing.Lineage;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.UnitTests.Processing.Lineage;

public sealed class ProvenanceKeysTests
{
    private static IConfiguration Settings(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Name, s.Value))).Build();

    [Fact]
    public async Task Without_a_setting_the_stored_key_is_read_once_per_process()
    {
        var stored = ProvenanceKey.Generate();
        var store = new Mock<IProvenanceKeyStore>();
        store.Setup(s => s.GetOrCreateAsync(It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        var keys = new ProvenanceKeys(Settings(), store.Object);

        var first = await keys.GetAsync(CancellationToken.None);
        var second = await keys.GetAsync(CancellationToken.None);

        Assert.Equal(stored.Id, first.Current.Id);
        Assert.Same(first, second);
        store.Verify(s => s.GetOrCreateAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_key_given_by_setting_is_used_and_storage_never_asked()
    {
        var key = ProvenanceKey.Generate();
        var keys = new ProvenanceKeys(Settings((ProvenanceKeys.KeySetting, key.ToBase64())), Mock.Of<IProvenanceKeyStore>(MockBehavior.Strict));

        Assert.Equal(key.Id, (await keys.GetAsync(CancellationToken.None)).Current.Id);
    }

    [Theory]
    [InlineData(ProvenanceKeys.KeySetting, "not base64!")]
    [InlineData(ProvenanceKeys.KeySetting, "c2hvcnQ=")]
    [InlineData(ProvenanceKeys.PreviousKeySetting, "c2hvcnQ=")]
    public void A_key_setting_that_cannot_be_used_stops_the_host_naming_it(string setting, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => new ProvenanceKeys(Settings((setting, value)), Mock.Of<IProvenanceKeyStore>()));
        Assert.Equal(setting, error.Setting);
    }
}
