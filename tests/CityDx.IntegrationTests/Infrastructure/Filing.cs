using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>A file a test attaches to a file question (or "_proxy_letter").</summary>
public sealed record TestFile(string FieldKey, string FileName, byte[] Bytes, string ContentType = "application/pdf");

/// <summary>
/// Files applications through the real pages, as a citizen's browser would: the start page, each
/// page of the flow (posting the same fields to every page; each page keeps only its own), check
/// your answers, submit.
/// </summary>
public static partial class Filing
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

    /// <summary>Answers to 住民票の写しの交付請求 (juminhyo-copy) for oneself.</summary>
    public static Dictionary<string, string> ResidenceAnswers() => new()
    {
        ["Answers[full_name]"] = "難波 太郎",
        ["Answers[full_name_kana]"] = "ナンバ タロウ",
        ["Answers[birth_date]"] = "1950-01-02",
        ["Answers[address.postal_code]"] = "5300005",
        ["Answers[address.prefecture]"] = "大阪府",
        ["Answers[address.city]"] = "大阪市北区",
        ["Answers[address.town]"] = "中之島",
        ["Answers[address.street]"] = "1-3-20",
        ["Answers[copies]"] = "1",
        ["Answers[household]"] = "no",
        ["Answers[purpose]"] = "insurance",
        ["Answers[phone]"] = "09012345678",
    };

    /// <summary>The id of a ward office as the applicant page offers it.</summary>
    public static async Task<string> WardIdAsync(PortalClient client, string wardNameJa, string code = "dog-registration")
    {
        var first = await StartAsync(client, code);
        var page = await client.GetPageAsync(first);
        var option = page.QuerySelectorAll<IHtmlOptionElement>("#WardId option").Single(o => o.Text.Trim() == wardNameJa);
        return option.Value;
    }

    /// <summary>Starts a new application; returns the URL of its first page.</summary>
    public static async Task<string> StartAsync(PortalClient client, string code)
    {
        var response = await client.PostFormAsync($"/procedures/{code}/apply", []);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Start {code}: {(int)response.StatusCode}");
        return response.Headers.Location!.ToString();
    }

    /// <summary>
    /// Files an application from start to submit. Returns the last response: a redirect to the
    /// received page on success, otherwise the page (200) that showed the errors.
    /// </summary>
    public static async Task<HttpResponseMessage> ApplyAsync(PortalClient client, string code, Dictionary<string, string> fields, IReadOnlyList<TestFile>? files = null)
    {
        var (response, check) = await FillAsync(client, await StartAsync(client, code), fields, files);
        return check is null ? response! : await client.PostFormAsync(check, []);
    }

    /// <summary>
    /// Goes through the pages from <paramref name="location"/> until check your answers. Returns the
    /// check page's URL, or the response of the page that showed errors.
    /// </summary>
    public static async Task<(HttpResponseMessage? Errors, string? CheckUrl)> FillAsync(PortalClient client, string location, IReadOnlyDictionary<string, string> fields, IReadOnlyList<TestFile>? files = null)
    {
        for (var i = 0; i < 30; i++)
        {
            if (CheckPage().IsMatch(location))
            {
                var check = await client.Http.GetAsync(location);
                if (check.StatusCode == HttpStatusCode.Redirect)
                {
                    location = check.Headers.Location!.ToString();
                    continue;
                }

                Assert.Equal(HttpStatusCode.OK, check.StatusCode);
                return (null, location);
            }

            Assert.Matches(StepPage(), location);
            var response = await PostPageAsync(client, location, fields, files);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return (response, null);
            }

            location = response.Headers.Location!.ToString();
        }

        throw new InvalidOperationException("The filing flow did not reach check your answers.");
    }

    /// <summary>Starts an application and continues through the pages before <paramref name="pageKey"/> with the fields; returns that page's URL.</summary>
    public static async Task<string> OpenPageAsync(PortalClient client, string code, string pageKey, Dictionary<string, string>? fields = null)
    {
        var location = await StartAsync(client, code);
        for (var i = 0; i < 30 && !location.Contains($"/steps/{pageKey}", StringComparison.Ordinal); i++)
        {
            var response = await PostPageAsync(client, location, fields ?? []);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{location}: {string.Join(" | ", (await PortalClient.ReadAsync(response)).ErrorSummary())}");
            location = response.Headers.Location!.ToString();
        }

        Assert.Contains($"/steps/{pageKey}", location, StringComparison.Ordinal);
        return location;
    }

    /// <summary>Posts one page of the flow with the fields and the files of questions on that page.</summary>
    public static async Task<HttpResponseMessage> PostPageAsync(PortalClient client, string url, IReadOnlyDictionary<string, string> fields, IReadOnlyList<TestFile>? files = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var content = new MultipartFormDataContent();
        var names = new HashSet<string>();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            if (!fields.ContainsKey(hidden.Name!) && names.Add(hidden.Name!))
            {
                content.Add(new StringContent(hidden.Value), hidden.Name!);
            }
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var file in files ?? [])
        {
            if (form.QuerySelector($"input[type=file][name='Files.{file.FieldKey}']") is not null)
            {
                var bytes = new ByteArrayContent(file.Bytes);
                bytes.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                content.Add(bytes, "Files." + file.FieldKey, file.FileName);
            }
        }

        return await client.Http.PostAsync(url, content);
    }

    /// <summary>Files and returns (case id, receipt number) read from the confirmation page.</summary>
    /// <summary>
    /// Files a dog registration (a 3,000 yen fee due at filing) and, unless <paramref name="pay"/> is false,
    /// pays it by the simulated card, as staff can review it only once it is paid (the payment gate).
    /// </summary>
    public static async Task<(Guid Id, string ReceiptNumber)> FileDogRegistrationAsync(PortalClient client, string wardNameJa = "北区役所", string dogName = "ポチ", bool pay = true)
    {
        var fields = DogAnswers(dogName);
        fields["WardId"] = await WardIdAsync(client, wardNameJa);
        var response = await ApplyAsync(client, "dog-registration", fields);
        var filed = await ReceivedAsync(client, response);
        if (pay)
        {
            await PayByCardAsync(client, filed.Id);
        }

        return filed;
    }

    /// <summary>Pays a case's fee with the simulated card, as its applicant.</summary>
    public static async Task PayByCardAsync(PortalClient client, Guid caseId)
    {
        var paid = await client.PostFormAsync($"/my/applications/{caseId}/pay", new()
        {
            ["Method"] = "card",
            ["CardNumber"] = "4242 4242 4242 4242",
            ["CardExpiry"] = "12/40",
            ["CardCvc"] = "123",
        });
        Assert.True(HttpStatusCode.Redirect == paid.StatusCode, $"Paying the fee: {(int)paid.StatusCode}");
    }

    /// <summary>Reads (case id, receipt number) from the confirmation page a successful submit redirects to.</summary>
    public static async Task<(Guid Id, string ReceiptNumber)> ReceivedAsync(PortalClient client, HttpResponseMessage response)
    {
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"Expected a redirect to the received page, got {(int)response.StatusCode}: "
            + string.Join(" | ", (await PortalClient.ReadAsync(response)).ErrorSummary()));
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/my/applications/[0-9a-f-]{36}/received$", location);
        var received = await client.GetPageAsync(location);
        var id = Guid.Parse(location.Split('/')[3]);
        return (id, received.Text("#receipt-number"));
    }

    [GeneratedRegex("^/my/drafts/[0-9a-f-]{36}$")]
    private static partial Regex CheckPage();

    [GeneratedRegex("^/my/drafts/[0-9a-f-]{36}/steps/[A-Za-z0-9_-]+(\\?.*)?$")]
    private static partial Regex StepPage();
}
