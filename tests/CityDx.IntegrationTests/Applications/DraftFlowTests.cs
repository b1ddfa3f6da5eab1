using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>
/// One question group per page with server-side drafts: saved at every page, resumed from My
/// applications on another device, check your answers with change links that return to it,
/// pages that appear and disappear with the answers, files kept between pages, expiry, and
/// nobody else's draft reachable.
/// </summary>
public sealed class DraftFlowTests(DraftFlowTests.Factory factory) : IClassFixture<DraftFlowTests.Factory>, IAsyncLifetime
{
    private const string Code = "test-steps";
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n%%EOF\n"u8.ToArray();

    public sealed class Factory : ClockFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Drafts:ExpiryDays", "7");
        }
    }

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var central = await db.OrganisationUnits.Where(u => u.Code == "central").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("段階のある届出", "A form in steps", "", "", "registration", [], "", "", "", [], [], null,
            FeeTiming.None, 5, Routing.CentralProcessingCentre, ChannelSet.Online, central, Proxy: ProxyPolicy.NotAllowed));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition(
        [
            new FormStep("about", "あなたについて", "About you",
            [
                new("name", FieldType.PersonName, "氏名", "Name", MaxLength: 50),
                new("has_pet", FieldType.YesNo, "ペットを飼っていますか", "Do you have a pet?"),
            ]),
            new FormStep("pet", "ペット", "Your pet",
            [
                new("pet_name", FieldType.ShortText, "ペットの名前", "Pet's name", MaxLength: 50),
                new("photo", FieldType.FileUpload, "写真", "Photo", AllowedFileTypes: ["pdf"], MaxFiles: 1),
            ], new Condition("has_pet", ConditionOperator.IsYes)),
            new FormStep("contact", "連絡先", "Contact",
            [
                new("phone", FieldType.Phone, "電話番号", "Phone"),
            ]),
        ]), 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string> Answers(string hasPet = "yes") => new()
    {
        ["Answers[name]"] = "大阪 花子",
        ["Answers[has_pet]"] = hasPet,
        ["Answers[pet_name]"] = "タマ",
        ["Answers[phone]"] = "06-6208-8181",
    };

    private static Guid DraftIdOf(string url) => Guid.Parse(url.Split('/')[3]);

    [Fact]
    public async Task Pages_follow_the_answers_and_each_shows_step_n_of_m_with_a_back_link()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var first = await Filing.StartAsync(citizen, Code);
        Assert.EndsWith("/steps/about", first, StringComparison.Ordinal);
        var page = await citizen.GetPageAsync(first);
        // Until the citizen says they have a pet, the pet page is not counted.
        Assert.Contains("ステップ 1 / 2", page.Text(".caption"));
        Assert.Equal($"/procedures/{Code}/apply", page.QuerySelector<IHtmlAnchorElement>(".back-link")!.GetAttribute("href"));

        // No pet: the pet page is skipped and the flow has two pages.
        var toContact = await Filing.PostPageAsync(citizen, first, Answers(hasPet: "no"));
        Assert.EndsWith("/steps/contact", toContact.Headers.Location!.ToString(), StringComparison.Ordinal);
        var contact = await citizen.GetPageAsync(toContact.Headers.Location!.ToString());
        Assert.Contains("ステップ 2 / 2", contact.Text(".caption"));
        Assert.EndsWith("/steps/about", contact.QuerySelector<IHtmlAnchorElement>(".back-link")!.GetAttribute("href")!, StringComparison.Ordinal);

        // The back link (or button) shows what was saved.
        var again = await citizen.Http.GetAsync(first);
        Assert.True(again.Headers.CacheControl?.NoStore);
        var saved = await PortalClient.ReadAsync(again);
        Assert.Equal("大阪 花子", saved.QuerySelector<IHtmlInputElement>("#answer-name")!.Value);
        Assert.True(saved.QuerySelector<IHtmlInputElement>("input[name='Answers[has_pet]'][value=no]")!.IsChecked);

        // A page that is not part of the flow sends the citizen to one that is.
        var skipped = await citizen.Http.GetAsync(first.Replace("/about", "/pet", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
    }

    [Fact]
    public async Task A_saved_application_is_resumed_on_another_device_and_files_stay_with_it()
    {
        var phone = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var first = await Filing.StartAsync(phone, Code);
        var toPet = await Filing.PostPageAsync(phone, first, Answers());
        var pet = toPet.Headers.Location!.ToString();
        Assert.EndsWith("/steps/pet", pet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Filing.PostPageAsync(phone, pet, Answers(), [new TestFile("photo", "tama.pdf", Pdf)])).StatusCode);

        // Another device: a new sign-in finds it in My applications and continues where it stopped.
        var laptop = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var mine = await laptop.GetPageAsync("/my/applications");
        var resume = mine.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.GetAttribute("href") == $"/my/drafts/{DraftIdOf(first)}");
        var opened = await laptop.Http.GetAsync(resume.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith("/steps/contact", opened.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The photo saved on the phone is listed on its page and is not asked for again.
        var petPage = await laptop.GetPageAsync(pet);
        Assert.Contains("tama.pdf", petPage.Text(".saved-files"));
        var (_, check) = await Filing.FillAsync(laptop, pet, Answers());
        var summary = await laptop.GetPageAsync(check!);
        Assert.Contains("tama.pdf", summary.Text("main"));
        Assert.Contains("タマ", summary.Text("main"));

        var submitted = await laptop.PostFormAsync(check!, []);
        var (caseId, receipt) = await Filing.ReceivedAsync(laptop, submitted);
        Assert.Matches("^[0-9A-Z-]+$", receipt);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var attachment = await db.Attachments.SingleAsync(a => a.CaseId == caseId);
        Assert.Equal("tama.pdf", attachment.File.FileName);
        var draft = await db.Drafts.SingleAsync(d => d.Id == DraftIdOf(first));
        Assert.Equal(caseId, draft.CaseId);
        Assert.Empty(draft.Answers);
        Assert.NotNull(draft.ReachedCheckAnswersAt);
        Assert.Empty(await db.DraftFiles.Where(f => f.DraftId == draft.Id).ToListAsync());
    }

    [Fact]
    public async Task A_change_link_returns_to_check_your_answers_unless_the_change_opens_a_new_page()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var first = await Filing.StartAsync(citizen, Code);
        var (_, check) = await Filing.FillAsync(citizen, first, Answers(hasPet: "no"));
        var summary = await citizen.GetPageAsync(check!);
        Assert.Equal("申請内容の確認", summary.QuerySelector("h1")!.TextContent.Trim());
        var change = summary.QuerySelectorAll<IHtmlAnchorElement>(".summary-list__action a").First(a => a.TextContent.Contains("電話番号", StringComparison.Ordinal));
        Assert.EndsWith("/steps/contact?change=true", change.GetAttribute("href")!, StringComparison.Ordinal);

        var changed = await Filing.PostPageAsync(citizen, change.GetAttribute("href")!, new Dictionary<string, string> { ["Answers[phone]"] = "090-1111-2222" });
        Assert.Equal(check, changed.Headers.Location!.ToString());
        Assert.Contains("09011112222", (await citizen.GetPageAsync(check!)).Text("main").Replace("-", "", StringComparison.Ordinal));

        // Saying yes to a pet opens the pet page, which must be answered before returning.
        var about = $"/my/drafts/{DraftIdOf(first)}/steps/about?change=true";
        var opened = await Filing.PostPageAsync(citizen, about, Answers(hasPet: "yes"));
        Assert.EndsWith("/steps/pet?change=true", opened.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.Http.GetAsync(check)).StatusCode);
    }

    [Fact]
    public async Task Nobody_else_can_open_save_or_submit_a_draft()
    {
        var owner = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var first = await Filing.StartAsync(owner, Code);
        var (_, check) = await Filing.FillAsync(owner, first, Answers(hasPet: "no"));

        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        await other.GetPageAsync(first, HttpStatusCode.NotFound);
        await other.GetPageAsync(check!, HttpStatusCode.NotFound);
        var otherForm = (await other.GetPageAsync("/my/applications")).QuerySelector<IHtmlFormElement>("form[method=post]")!;
        Assert.Equal(HttpStatusCode.NotFound, (await other.SubmitAsync(otherForm, Answers(), first)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SubmitAsync(otherForm, [], check!)).StatusCode);
        Assert.DoesNotContain(DraftIdOf(first).ToString(), (await other.GetPageAsync("/my/applications")).Body!.InnerHtml, StringComparison.Ordinal);

        var staff = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        Assert.NotEqual(HttpStatusCode.OK, (await staff.Http.GetAsync(check)).StatusCode);
        var anonymous = PortalClient.Create(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Http.GetAsync(check)).StatusCode);
    }

    [Fact]
    public async Task A_draft_expires_after_the_configured_days_since_its_last_save()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var first = await Filing.StartAsync(citizen, Code);
        await Filing.PostPageAsync(citizen, first, Answers());
        var start = await citizen.GetPageAsync($"/procedures/{Code}/apply");
        Assert.Contains("7 日間", start.Text("main"));
        Assert.NotNull(start.QuerySelector($"a[href='/my/drafts/{DraftIdOf(first)}']"));

        factory.Clock.Advance(TimeSpan.FromDays(8));
        try
        {
            var later = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
            await later.GetPageAsync(first, HttpStatusCode.NotFound);
            Assert.DoesNotContain(DraftIdOf(first).ToString(), (await later.GetPageAsync("/my/applications")).Body!.InnerHtml, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-8));
        }
    }

    [Fact]
    public async Task The_session_warning_is_on_filing_pages_and_its_button_extends_the_session()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var page = await citizen.GetPageAsync(await Filing.StartAsync(citizen, Code));
        var warning = page.QuerySelector("[data-session-warning]")!;
        Assert.Equal("7200", warning.GetAttribute("data-session-seconds"));
        Assert.Equal("alert", warning.GetAttribute("role"));

        Assert.Equal(HttpStatusCode.NoContent, (await citizen.Http.PostAsync("/session/extend", null)).StatusCode);
        var anonymous = PortalClient.Create(factory);
        Assert.NotEqual(HttpStatusCode.NoContent, (await anonymous.Http.PostAsync("/session/extend", null)).StatusCode);
    }
}
