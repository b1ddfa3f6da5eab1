using System.Net;
using AngleSharp.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Administration;

/// <summary>手続き管理: only admins configure procedures, and an affiliated body's admin only its own.</summary>
public sealed class AdministrationTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static Dictionary<string, string> NewProcedure(string code, string owningUnitId) => new()
    {
        ["Input.Code"] = code,
        ["Input.NameJa"] = "テスト手続き",
        ["Input.NameEn"] = "Test procedure",
        ["Input.Category"] = "registration",
        ["Input.LifeEvents"] = "moving",
        ["Input.FeeYen"] = "300",
        ["Input.FeeTiming"] = "AtFiling",
        ["Input.StandardProcessingDays"] = "3",
        ["Input.Routing"] = "CentralProcessingCentre",
        ["Input.ChannelList"] = "Online",
        ["Input.OwningUnitId"] = owningUnitId,
        ["Input.RequiredDocumentsJa"] = "本人確認書類\n委任状(代理の場合)",
    };

    private async Task<Guid> UnitIdAsync(string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().OrganisationUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    [Theory]
    [InlineData(Demo.Citizen)]
    [InlineData(Demo.KitaStaff)]
    [InlineData(Demo.Analyst)]
    public async Task Only_admins_open_the_procedure_pages(string email)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        var response = await client.Http.GetAsync("/admin/procedures");
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_procedure_and_edits_it()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var created = await admin.PostFormAsync("/admin/procedures/new", NewProcedure("test-create", (await UnitIdAsync("osaka")).ToString()));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var list = await admin.GetPageAsync("/admin/procedures");
        Assert.Contains("test-create", list.Body!.TextContent);

        var edit = NewProcedure("test-create", (await UnitIdAsync("osaka")).ToString());
        edit["Input.NameJa"] = "テスト手続き(改)";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/test-create/edit", edit)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Procedures.SingleAsync(p => p.Code == "test-create");
        Assert.Equal("テスト手続き(改)", saved.NameJa);
        Assert.Equal(300, saved.FeeYen);
        Assert.Equal("本人確認書類\n委任状(代理の場合)", saved.RequiredDocumentsJa);
        Assert.False(saved.IsPublished);
    }

    [Fact]
    public async Task Bad_details_are_listed_and_nothing_is_saved()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        // Counted rather than assumed none: the other tests of this class create procedures of the same name, in any order.
        var before = await CountNamedAsync("テスト手続き");
        var bad = NewProcedure("Bad Code!", (await UnitIdAsync("osaka")).ToString());
        bad["Input.NameEn"] = "";
        bad["Input.StandardProcessingDays"] = "999";
        bad.Remove("Input.ChannelList");

        var page = await PortalClient.ReadAsync(await admin.PostFormAsync("/admin/procedures/new", bad));

        var errors = page.ErrorSummary();
        Assert.Contains(errors, e => e.Contains("手続きコードは", StringComparison.Ordinal));
        Assert.Contains("名称(英語)を入力してください", errors);
        Assert.Contains("標準処理期間は0〜365日の範囲で入力してください", errors);
        Assert.Contains("申請方法を1つ以上選択してください", errors);
        Assert.Equal(before, await CountNamedAsync("テスト手続き"));
    }

    private async Task<int> CountNamedAsync(string nameJa)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Procedures.CountAsync(p => p.NameJa == nameJa);
    }

    [Fact]
    public async Task An_affiliated_bodys_admin_sees_and_saves_only_its_own_procedures()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.FacilitiesAdmin);
        var own = await UnitIdAsync("facility-association");

        var list = await admin.GetPageAsync("/admin/procedures");
        Assert.DoesNotContain("dog-registration", list.Body!.TextContent);
        await admin.GetPageAsync("/admin/procedures/dog-registration/edit", HttpStatusCode.NotFound);

        var elsewhere = await admin.PostFormAsync("/admin/procedures/new", NewProcedure("facility-other", (await UnitIdAsync("osaka")).ToString()));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);

        var mine = await admin.PostFormAsync("/admin/procedures/new", NewProcedure("facility-own", own.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Contains("facility-own", (await admin.GetPageAsync("/admin/procedures")).Body!.TextContent);
    }

    [Fact]
    public async Task Unpublishing_takes_a_procedure_out_of_the_catalogue_and_publishing_needs_a_form()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var form = await admin.GetPageAsync("/admin/procedures/bereavement-appointment/edit");
        var fields = form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("main input[type=text]")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var area in form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlTextAreaElement>("main textarea"))
        {
            fields[area.Name!] = area.Value;
        }

        fields["Input.Category"] = "bereavement";
        fields["Input.Routing"] = "ChosenWard";
        fields["Input.ChannelList"] = "Online";
        fields["Input.OwningUnitId"] = (await UnitIdAsync("osaka")).ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/bereavement-appointment/edit", fields)).StatusCode);
        Assert.DoesNotContain("/procedures/bereavement-appointment\"", (await PortalClient.Create(factory).Http.GetStringAsync("/procedures")));

        fields["Input.Published"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/bereavement-appointment/edit", fields)).StatusCode);
        Assert.Contains("/procedures/bereavement-appointment\"", (await PortalClient.Create(factory).Http.GetStringAsync("/procedures")));

        // A procedure without a published form cannot be published.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/procedures/new", NewProcedure("no-form-yet", (await UnitIdAsync("osaka")).ToString()))).StatusCode);
        var noForm = NewProcedure("no-form-yet", (await UnitIdAsync("osaka")).ToString());
        noForm["Input.Published"] = "true";
        var refused = await PortalClient.ReadAsync(await admin.PostFormAsync("/admin/procedures/no-form-yet/edit", noForm));
        Assert.Contains("様式を公開してから、手続きを公開してください", refused.ErrorSummary());
    }
}
