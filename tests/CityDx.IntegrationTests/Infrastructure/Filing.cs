using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>Files the demo dog registration through the real apply page, as a citizen's browser would.</summary>
public static class Filing
{
    public static Dictionary<string, string> DogAnswers(string dogName = "ポチ") => new()
    {
        ["Answers[dog_name]"] = dogName,
        ["Answers[breed]"] = "柴犬",
        ["Answers[sex]"] = "male",
        ["Answers[birth_date]"] = "2026-04-01",
        ["Answers[rabies_vaccinated]"] = "yes",
        ["Answers[phone]"] = "06-6208-8181",
    };

    public static async Task<string> WardIdAsync(PortalClient client, string wardNameJa)
    {
        var page = await client.GetPageAsync("/procedures/dog-registration/apply");
        var option = page.QuerySelectorAll<IHtmlOptionElement>("#WardId option").Single(o => o.Text.Trim() == wardNameJa);
        return option.Value;
    }

    /// <summary>Files and returns (case id, receipt number) read from the confirmation page.</summary>
    public static async Task<(Guid Id, string ReceiptNumber)> FileDogRegistrationAsync(PortalClient client, string wardNameJa = "北区役所", string dogName = "ポチ")
    {
        var fields = DogAnswers(dogName);
        fields["WardId"] = await WardIdAsync(client, wardNameJa);
        var response = await client.PostFormAsync("/procedures/dog-registration/apply", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/my/applications/[0-9a-f-]{36}/received$", location);
        var received = await client.GetPageAsync(location);
        var id = Guid.Parse(location.Split('/')[3]);
        return (id, received.Text("#receipt-number"));
    }
}
