using System.Text.Json.Nodes;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>The local host's /api/health as an operator reads it.</summary>
public static class Health
{
    public static async Task<string?> StatusAsync(HttpClient http)
    {
        try
        {
            var body = await (await http.GetAsync("api/health")).Content.ReadAsStringAsync();
            return JsonNode.Parse(body)?["status"]?.GetValue<string>();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public static Task WaitForAsync(HttpClient http, string status, TimeSpan timeout) =>
        Eventually.TrueAsync(async () => await StatusAsync(http) == status, timeout, $"/api/health says {status}");
}
