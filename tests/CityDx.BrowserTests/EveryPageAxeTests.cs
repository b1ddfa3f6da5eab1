namespace CityDx.BrowserTests;

/// <summary>
/// axe on every page a person can open, as the person who opens it: one row per (who, address),
/// including the pages no journey passes through (open data, staff time, form import, procedure edit,
/// reset password and its done page, email confirmation and change, external sign-in, access denied,
/// the 404 page). A page that answers 5xx fails too.
/// </summary>
public sealed class EveryPageAxeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Anonymous = "anonymous";
    private const string Citizen = "citizen@example.jp";
    private const string Staff = "staff.kita@example.jp";
    private const string Admin = "admin@example.jp";
    private const string Analyst = "analyst@example.jp";

    public static TheoryData<string, string> Pages => new()
    {
        { Anonymous, "/" },
        { Anonymous, "/procedures" },
        { Anonymous, "/procedures/dog-registration" },
        { Anonymous, "/open-data" },
        { Anonymous, "/account/sign-in" },
        { Anonymous, "/account/sign-in/code" },
        { Anonymous, "/account/register" },
        { Anonymous, "/account/check-email" },
        { Anonymous, "/account/forgot-password" },
        { Anonymous, "/account/forgot-password?sent=true" },
        { Anonymous, "/account/resend-confirmation" },
        { Anonymous, "/account/reset-password" },
        { Anonymous, "/account/reset-password?userId=nobody&code=expired" },
        { Anonymous, "/account/reset-password/done" },
        { Anonymous, "/account/confirm-email?userId=nobody&code=expired" },
        { Anonymous, "/account/confirm-email-change?userId=nobody&email=new%40example.jp&code=expired" },
        { Anonymous, "/account/external-sign-in" },
        { Anonymous, "/account/access-denied" },
        { Anonymous, "/no-such-page" },
        { Citizen, "/" },
        { Citizen, "/my/applications" },
        { Citizen, "/procedures/dog-registration/apply" },
        { Citizen, "/account/settings" },
        { Citizen, "/account/two-factor" },
        { Citizen, "/account/delete" },
        { Citizen, "/account/access-denied" },
        { Citizen, "/my/applications/00000000-0000-0000-0000-000000000000" },
        { Staff, "/staff/cases" },
        { Staff, "/staff/cases?within=999" },
        { Staff, "/staff/counter" },
        { Staff, "/staff/counter/dog-registration" },
        { Staff, "/dashboard" },
        { Admin, "/admin/procedures" },
        { Admin, "/admin/procedures/new" },
        { Admin, "/admin/procedures/dog-registration/edit" },
        { Admin, "/admin/procedures/dog-registration/staff-time" },
        { Admin, "/admin/procedures/dog-registration/workflow" },
        { Admin, "/admin/procedures/dog-registration/form" },
        { Admin, "/admin/procedures/dog-registration/form/import" },
        { Admin, "/admin/audit" },
        { Admin, "/admin/api-clients" },
        { Admin, "/admin/api-clients/new" },
        { Analyst, "/dashboard" },
        { Analyst, "/open-data" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_passes_axe(string person, string url)
    {
        var page = await browser.NewPageAsync();
        if (person != Anonymous)
        {
            await page.SignInAsync(person);
        }

        var response = await page.GotoAsync(url);
        Assert.True(response is { Status: < 500 }, $"{url} answered {response?.Status}");
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }
}
