using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>A repeating group (family members): rows added without JavaScript, each row validated, all rows shown to staff.</summary>
public sealed class RepeatingGroupTests(CityDxFactory factory) : IClassFixture<CityDxFactory>, IAsyncLifetime
{
    private const string Code = "test-family";

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var city = await db.OrganisationUnits.Where(u => u.Code == "central").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("世帯員の届出", "Household members", "", "", "registration", [], "", "", "", [], [], null,
            FeeTiming.None, 3, Routing.CentralProcessingCentre, ChannelSet.Online, city));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition(
        [
            new("members", FieldType.RepeatingGroup, "世帯員", "Household members", MinRows: 1, MaxRows: 3, SubFields:
            [
                new("name", FieldType.PersonName, "氏名", "Name", MaxLength: 50),
                new("relation", FieldType.ShortText, "続柄", "Relationship", MaxLength: 20),
            ]),
        ]), 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rows_are_added_without_javascript_validated_one_by_one_and_shown_to_staff()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var url = await Filing.OpenPageAsync(citizen, Code, "main");
        var form = (await citizen.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        Assert.Single((await citizen.GetPageAsync(url)).QuerySelectorAll(".group-row"));

        var added = await PortalClient.ReadAsync(await citizen.SubmitAsync(form, new()
        {
            ["Answers[members[0].name]"] = "大阪 一郎",
            ["Answers[members[0].relation]"] = "父",
            ["addRow"] = "members",
        }, url + "?handler=AddRow"));
        Assert.Equal(2, added.QuerySelectorAll(".group-row").Length);
        Assert.Equal("大阪 一郎", added.QuerySelector<IHtmlInputElement>("input[name='Answers[members[0].name]']")!.Value);
        Assert.Empty(added.ErrorSummary());

        var form2 = added.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var invalid = await PortalClient.ReadAsync(await citizen.SubmitAsync(form2, new()
        {
            ["Answers[members[0].name]"] = "大阪 一郎",
            ["Answers[members[0].relation]"] = "父",
            ["Answers[members[1].name]"] = "",
            ["Answers[members[1].relation]"] = "子",
        }, url));
        Assert.Contains("氏名を入力してください", invalid.ErrorSummary());

        var done = await citizen.SubmitAsync(invalid.QuerySelector<IHtmlFormElement>("main form[method=post]")!, new()
        {
            ["Answers[members[0].name]"] = "大阪 一郎",
            ["Answers[members[0].relation]"] = "父",
            ["Answers[members[1].name]"] = "大阪 花子",
            ["Answers[members[1].relation]"] = "子",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var submitted = await citizen.PostFormAsync(done.Headers.Location!.ToString(), []);
        var caseId = submitted.Headers.Location!.ToString().Split('/')[3];

        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var text = (await central.GetPageAsync($"/staff/cases/{caseId}")).Text("main");
        Assert.Contains("1. 大阪 一郎 / 父", text);
        Assert.Contains("2. 大阪 花子 / 子", text);
    }
}
