using System.Text.Json;
using System.Text.Json.Serialization;
using EventFunctions.IntegrationTests.Infrastructure;

namespace EventFunctions.IntegrationTests.EventContracts;

/// <summary>
/// Records exactly as one version of the pipeline produced them, with the world they were produced in: the catalogue,
/// the API's claim of each order and each order's final view. Captured once from the code of a version and committed,
/// so that every later version proves it still reads what is on the log.
/// </summary>
public sealed record RecordsFixture(string About, IReadOnlyList<StockedSku> Catalogue, IReadOnlyList<FixtureOrder> Orders, IReadOnlyList<FixtureRecord> Records)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the pipeline produced before versioned contracts (<see cref="CaptureRecordsFixtureTests"/>).</summary>
    public static RecordsFixture V1 => Load(CaptureRecordsFixtureTests.FileName);

    public static string PathOf(string name) => Path.Combine(RepositoryDirectory.Root, "tests", "EventFunctions.IntegrationTests", "EventContracts", "Fixtures", name);

    public static RecordsFixture Load(string name) => JsonSerializer.Deserialize<RecordsFixture>(File.ReadAllText(PathOf(name)), Json)!;

    public void Save(string name) => File.WriteAllText(PathOf(name), JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>A sku as the catalogue had it before the orders: what it cost and how many there were.</summary>
public sealed record StockedSku(string Sku, int Quantity, decimal UnitPrice);

/// <summary>An order: the fingerprint the API claimed its id with, and its final view as <c>GET /api/orders/{id}</c> answered.</summary>
public sealed record FixtureOrder(string OrderId, string Fingerprint, JsonElement View);

/// <summary>A record as it lay on its topic: key, headers (in order, as text) and value (base64: the very bytes).</summary>
public sealed record FixtureRecord(string Topic, string Key, IReadOnlyList<FixtureHeader> Headers, string Value)
{
    [JsonIgnore]
    public byte[] ValueBytes => Convert.FromBase64String(Value);

    /// <summary>Produces the record again, exactly: the same key, headers and value, to the same topic.</summary>
    public Task ProduceAsync(KafkaProbe probe) =>
        probe.ProduceAsync(Topic, Key, ValueBytes, Headers.Select(h => (h.Name, h.Value)).ToArray());
}

public sealed record FixtureHeader(string Name, string Value);
