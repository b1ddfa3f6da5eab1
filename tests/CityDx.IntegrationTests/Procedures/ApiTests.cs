using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.IntegrationTests.Procedures;

public sealed class ApiTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task Lists_the_published_procedures_with_both_languages()
    {
        var procedures = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/procedures");
        var codes = procedures.EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("dog-registration", codes);
        Assert.Contains("juminhyo-copy", codes);
        var dog = procedures.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "dog-registration");
        Assert.Equal("犬の登録・狂犬病予防注射済票の交付", dog.GetProperty("nameJa").GetString());
        Assert.Equal("Register a dog and get its rabies vaccination tag", dog.GetProperty("nameEn").GetString());
    }

    [Fact]
    public async Task A_procedure_comes_with_its_current_form()
    {
        var dog = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/procedures/dog-registration");
        Assert.Equal(1, dog.GetProperty("formVersion").GetInt32());
        Assert.Contains("dog_name", dog.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        Assert.Equal(24, dog.GetProperty("wards").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_procedure_is_a_404_problem()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/procedures/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Swagger_describes_the_api()
    {
        var doc = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/procedures", paths);
        Assert.Contains("/api/v1/procedures/{code}", paths);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task Health_checks_answer()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
