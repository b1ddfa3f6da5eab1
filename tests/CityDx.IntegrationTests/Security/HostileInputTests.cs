using System.Net;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.IntegrationTests.Security;

/// <summary>
/// The hostile values of the domain fuzz (CityDx.UnitTests.Security.HostileInputTests) through HTTP:
/// the form pages, the API and query strings. No 500; a refusal shows the error summary; anything
/// accepted is rendered escaped on the check-your-answers page.
/// </summary>
public sealed class HostileInputTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static IEnumerable<string> Values() => CityDx.TestData.HostileValues.All().Where(v => v.Length < 5_000);

    [Fact]
    public async Task Query_strings_and_the_api_never_answer_500()
    {
        var anonymous = PortalClient.Create(factory);
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var failures = new List<string>();
        var tried = 0;
        foreach (var value in Values())
        {
            var v = Uri.EscapeDataString(value.Replace("\uD800", "", StringComparison.Ordinal).Replace("\uDC00", "", StringComparison.Ordinal).Replace("\uD83D", "", StringComparison.Ordinal));
            foreach (var (client, url) in new[]
            {
                (anonymous, $"/procedures?search={v}&category={v}"),
                (anonymous, $"/api/v1/procedures?search={v}&lifeEvent={v}"),
                (anonymous, $"/api/v1/calendar/holidays?year={v}"),
                (anonymous, $"/api/v1/postal-codes/{(v.Length == 0 ? "x" : v)}"),
                (anonymous, $"/procedures/{(v.Length == 0 ? "x" : v)}"),
                (staff, $"/staff/cases?kana={v}&receipt={v}&within={v}&status={v}&from={v}&sort={v}&after={v}"),
                (staff, $"/staff/cases/export?kana={v}&columns={v}"),
            })
            {
                HttpResponseMessage response;
                try
                {
                    response = await client.Http.GetAsync(url);
                }
                catch (InvalidOperationException)
                {
                    continue; // a NUL in the path: the server refuses the request line before the app sees it
                }

                tried++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} {url}");
                }
            }
        }

        Assert.True(tried >= 500);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Form_answers_are_refused_with_a_message_or_stored_and_shown_escaped()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var start = await Filing.StartAsync(citizen, "dog-registration");
        var applicant = await Filing.PostPageAsync(citizen, start, new Dictionary<string, string> { ["WardId"] = await Filing.WardIdAsync(citizen, "北区役所") });
        var step = applicant.Headers.Location!.ToString();
        Assert.Contains("/steps/", step, StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var value in Values())
        {
            foreach (var key in new[] { "Answers[dog_name]", "Answers[breed]", "Answers[phone]", "Answers[birth_date]", "Answers[sex]" })
            {
                var fields = Filing.DogAnswers();
                fields[key] = value;
                HttpResponseMessage response;
                try
                {
                    response = await Filing.PostPageAsync(citizen, step, fields);
                }
                catch (ArgumentException)
                {
                    continue; // a lone surrogate cannot even be encoded by the client
                }

                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} {key}");
                }
                else if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    // Refused at the door (a NUL character): the friendly error page says so.
                    if (!(await response.Content.ReadAsStringAsync()).Contains("リクエストを処理できませんでした", StringComparison.Ordinal))
                    {
                        failures.Add($"400 without the error page for {key}");
                    }
                }
                else if (response.StatusCode == HttpStatusCode.OK)
                {
                    var page = await PortalClient.ReadAsync(response);
                    if (page.ErrorSummary().Count == 0)
                    {
                        failures.Add($"200 without an error summary for {key}");
                    }
                }
                else if (response.Headers.Location!.ToString() is var next && !next.Contains("/steps/", StringComparison.Ordinal))
                {
                    var html = await citizen.Http.GetStringAsync(next);
                    if (html.Contains("<script>alert", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal) || html.Contains("onmouseover=\"alert", StringComparison.Ordinal))
                    {
                        failures.Add($"unescaped output for {key}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    [Fact]
    public async Task A_form_with_more_fields_than_the_limit_or_a_broken_multipart_body_is_refused_not_a_500()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var tooMany = new FormUrlEncodedContent(Enumerable.Range(0, 2_000).Select(i => new KeyValuePair<string, string>($"f{i}", "x")));
        var response = await citizen.Http.PostAsync("/procedures/dog-registration/apply", tooMany);
        Assert.InRange((int)response.StatusCode, 400, 499);

        var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnot closed");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var malformed = await citizen.Http.PostAsync("/procedures/dog-registration/apply", broken);
        Assert.InRange((int)malformed.StatusCode, 400, 499);
    }
}
