using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.FormBuilder;

/// <summary>
/// 様式の編集: an admin drafts, edits, checks, publishes, retires, exports and imports form versions through the
/// builder's plain forms; applications keep the version they were filed under; hostile JSON changes nothing.
/// </summary>
public sealed class FormBuilderTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string Dog = "dog-registration";
    private static string Editor(string code) => $"/admin/procedures/{code}/form";

    /// <summary>Posts the editor form whose handler is <paramref name="handler"/> (with its antiforgery token), as the browser would.</summary>
    private static async Task<HttpResponseMessage> PostHandlerAsync(PortalClient client, string pageUrl, string handler, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
            .First(f => (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase));
        return await client.SubmitAsync(form, fields ?? [], form.GetAttribute("action")!);
    }

    private static async Task AssertRedirectAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {string.Join(" | ", (await PortalClient.ParseAsync(body)).ErrorSummary())}");
    }

    private static Task<HttpResponseMessage> AddFieldAsync(PortalClient admin, string code, string step, FieldType type, string key, string ja, string en) =>
        PostHandlerAsync(admin, Editor(code), "AddField", new()
        {
            ["NewField.StepKey"] = step,
            ["NewField.Type"] = type.ToString(),
            ["NewField.Key"] = key,
            ["NewField.LabelJa"] = ja,
            ["NewField.LabelEn"] = en,
        });

    /// <summary>Saves the question's edit page with its current values plus <paramref name="changes"/>.</summary>
    private static async Task<HttpResponseMessage> UpdateFieldAsync(PortalClient admin, string code, string key, Dictionary<string, string> changes)
    {
        var url = $"{Editor(code)}/fields/{key}";
        var page = await admin.GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=text]"))
        {
            values[input.Name!] = input.Value;
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea"))
        {
            values[area.Name!] = area.Value;
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select"))
        {
            values[select.Name!] = select.Value ?? "";
        }

        if (form.QuerySelector<IHtmlInputElement>("#Input_Required") is { IsChecked: true })
        {
            values["Input.Required"] = "true";
        }

        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return await admin.SubmitAsync(form, values, url);
    }

    private async Task<T> WithDbAsync<T>(Func<CityDxDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CityDxDbContext>());
    }

    private Task<List<FormVersion>> VersionsAsync(string code) => WithDbAsync(db =>
        db.FormVersions.AsNoTracking().Where(v => db.Procedures.Any(p => p.Code == code && p.Id == v.ProcedureId)).OrderBy(v => v.VersionNumber).ToListAsync());

    private Task<Procedure> ProcedureAsync(string code) => WithDbAsync(db => db.Procedures.AsNoTracking().SingleAsync(p => p.Code == code));

    private async Task CreateProcedureAsync(PortalClient admin, string code)
    {
        var osaka = await WithDbAsync(db => db.OrganisationUnits.Where(u => u.Code == "osaka").Select(u => u.Id).SingleAsync());
        await AssertRedirectAsync(await admin.PostFormAsync("/admin/procedures/new", new()
        {
            ["Input.Code"] = code,
            ["Input.NameJa"] = "様式テスト",
            ["Input.NameEn"] = "Form test",
            ["Input.Category"] = "registration",
            ["Input.StandardProcessingDays"] = "3",
            ["Input.Routing"] = "ChosenWard",
            ["Input.ChannelList"] = "Online",
            ["Input.OwningUnitId"] = osaka.ToString(),
        }));
    }

    [Fact]
    public async Task An_admin_drafts_version_2_publish_lists_every_problem_and_earlier_applications_still_render()
    {
        // An application filed under version 1 first.
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ハチ");

        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var list = await admin.GetPageAsync("/admin/procedures");
        Assert.NotNull(list.QuerySelector($"a[href='{Editor(Dog)}']"));

        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "StartDraft"));
        var editor = await admin.GetPageAsync(Editor(Dog));
        Assert.Contains("下書き(第2版)", editor.Body!.TextContent, StringComparison.Ordinal);
        // Starting again (a second tab, say) returns the same draft.
        var anyForm = editor.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        await AssertRedirectAsync(await admin.SubmitAsync(anyForm, [], Editor(Dog) + "?handler=StartDraft"));
        Assert.Single(await VersionsAsync(Dog), v => v.Status == FormVersionStatus.Draft);

        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "AddStep", new() { ["NewStep.Key"] = "extra", ["NewStep.TitleJa"] = "追加情報", ["NewStep.TitleEn"] = "More about the dog" }));
        await AssertRedirectAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.YesNo, "has_microchip", "マイクロチップを装着していますか", "Does the dog have a microchip?"));
        await AssertRedirectAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.ShortText, "microchip_number", "マイクロチップの番号", "Microchip number"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, Dog, "microchip_number", new()
        {
            ["Input.ConditionFieldKey"] = "has_microchip",
            ["Input.ConditionOperator"] = "IsYes",
            ["Input.MaxLength"] = "15",
            ["Input.Pattern"] = "[0-9]{15}",
        }));
        await AssertRedirectAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.FileUpload, "vaccine_certificate", "注射済証明書", "Vaccination certificate"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, Dog, "vaccine_certificate", new() { ["Input.AllowedFileTypes"] = "pdf", ["Input.MaxFileSizeMb"] = "2", ["Input.MaxFiles"] = "2" }));
        await AssertRedirectAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.SingleChoice, "coat", "毛の色", "Coat colour"));
        await AssertRedirectAsync(await AddFieldAsync(admin, Dog, "main", FieldType.ShortText, "chip_note", "チップについて", "About the chip"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, Dog, "chip_note", new() { ["Input.ConditionFieldKey"] = "has_microchip", ["Input.ConditionOperator"] = "IsYes" }));

        // Keys must be valid and unused.
        var bad = await PortalClient.ReadAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.ShortText, "Bad Key", "x", "x"));
        Assert.Contains(bad.ErrorSummary(), m => m.StartsWith("キーは、半角英小文字で始め", StringComparison.Ordinal));
        Assert.Equal("#NewField_Key", bad.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var taken = await PortalClient.ReadAsync(await AddFieldAsync(admin, Dog, "extra", FieldType.ShortText, "dog_name", "x", "x"));
        Assert.Contains("キー「dog_name」はこの様式ですでに使われています。別のキーを入力してください", taken.ErrorSummary());
        var stepTaken = await PortalClient.ReadAsync(await PostHandlerAsync(admin, Editor(Dog), "AddStep", new() { ["NewStep.Key"] = "coat", ["NewStep.TitleJa"] = "a", ["NewStep.TitleEn"] = "a" }));
        Assert.Contains("キー「coat」はこの様式ですでに使われています。別のキーを入力してください", stepTaken.ErrorSummary());

        // Moving: the file question goes above the microchip number and back.
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "MoveField", new() { ["key"] = "vaccine_certificate", ["up"] = "true" }));
        var moved = (await VersionsAsync(Dog)).Single(v => v.Status == FormVersionStatus.Draft).Definition.Steps[1].Fields.Select(f => f.Key);
        Assert.Equal(new[] { "has_microchip", "vaccine_certificate", "microchip_number", "coat" }, moved);
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "MoveField", new() { ["key"] = "vaccine_certificate", ["up"] = "false" }));

        // Publishing is refused with every problem listed, each linking to its place in the editor.
        var refused = await PortalClient.ReadAsync(await PostHandlerAsync(admin, Editor(Dog), "Publish"));
        var problems = refused.ErrorSummary();
        Assert.Contains("質問『毛の色』(coat) に選択肢がありません", problems);
        Assert.Contains(problems, p => p.StartsWith("質問『チップについて』(chip_note) の表示条件が、後にある質問『マイクロチップを装着していますか』(has_microchip)を参照しています", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(main) の日本語の見出しがありません", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("(main) の英語の見出しがありません", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
        Assert.NotNull(refused.QuerySelector(".error-summary a[href='#field-coat']"));
        Assert.NotNull(refused.QuerySelector("#field-coat"));
        Assert.StartsWith("エラー", refused.Title, StringComparison.Ordinal);
        Assert.Equal(FormVersionStatus.Draft, (await VersionsAsync(Dog)).Single(v => v.VersionNumber == 2).Status);

        // Fixed: choices, the rule removed with its question, page titles.
        await AssertRedirectAsync(await UpdateFieldAsync(admin, Dog, "coat", new() { ["Input.Options"] = "white|白|White\nbrown|茶|Brown\n" }));
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "RemoveField", new() { ["key"] = "chip_note" }));
        await AssertRedirectAsync(await admin.PostFormAsync($"{Editor(Dog)}/steps/main", new() { ["Input.TitleJa"] = "犬と飼い主", ["Input.TitleEn"] = "The dog and owner", ["Input.ConditionFieldKey"] = "" }));
        var ready = await admin.GetPageAsync(Editor(Dog));
        Assert.Equal("問題はありません。公開できます。", ready.Text("#problems"));
        var preview = await admin.GetPageAsync($"{Editor(Dog)}/preview");
        Assert.NotNull(preview.QuerySelector("#answer-vaccine_certificate"));
        Assert.NotNull(preview.QuerySelector("label[for=answer-microchip_number]"));
        Assert.Contains("追加情報", preview.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));

        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "Publish"));

        var versions = await VersionsAsync(Dog);
        var procedure = await ProcedureAsync(Dog);
        var v2 = versions.Single(v => v.VersionNumber == 2);
        Assert.Equal(FormVersionStatus.Published, v2.Status);
        Assert.Equal(v2.Id, procedure.CurrentFormVersionId);
        Assert.True(procedure.IsPublished);
        Assert.Equal(FormVersionStatus.Published, versions.Single(v => v.VersionNumber == 1).Status);
        var file = v2.Definition.FindField("vaccine_certificate")!;
        Assert.Equal(new[] { "pdf" }, file.AllowedFileTypes);
        Assert.Equal(2 * 1024 * 1024, file.MaxFileSizeBytes);
        Assert.Equal(new Condition("has_microchip", ConditionOperator.IsYes), v2.Definition.FindField("microchip_number")!.ShowWhen);
        Assert.Equal(new[] { "white", "brown" }, v2.Definition.FindField("coat")!.OptionList.Select(o => o.Value));

        // The current version cannot be retired; version 1 can, and its application still renders for staff.
        var notCurrent = await PortalClient.ReadAsync(await PostHandlerAsync(admin, Editor(Dog), "Retire", new() { ["number"] = "2" }));
        Assert.Contains("現在の版は廃止できません。先に新しい版を公開してください", notCurrent.ErrorSummary());
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(Dog), "Retire", new() { ["number"] = "1" }));
        Assert.Equal(FormVersionStatus.Retired, (await VersionsAsync(Dog)).Single(v => v.VersionNumber == 1).Status);

        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var casePage = await staff.GetPageAsync($"/staff/cases/{caseId}");
        var answers = casePage.QuerySelectorAll(".summary-list dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains("ハチ", answers);
        Assert.Contains("柴犬", answers);
    }

    [Fact]
    public async Task An_exported_version_round_trips_through_import_into_a_new_draft()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var response = await admin.Http.GetAsync($"{Editor("juminhyo-copy")}/versions/1/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("juminhyo-copy-v1.json", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var exported = await response.Content.ReadAsStringAsync();
        Assert.Equal(FormJson.Export((await VersionsAsync("juminhyo-copy"))[0].Definition), exported);

        // Uploaded as a file into a procedure that has no form yet: it becomes its first draft.
        await CreateProcedureAsync(admin, "builder-roundtrip");
        var importUrl = $"{Editor("builder-roundtrip")}/import";
        var page = await admin.GetPageAsync(importUrl);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(""), "Json" },
        };
        var fileContent = new ByteArrayContent(Encoding.UTF8.GetBytes(exported));
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(fileContent, "Upload", "juminhyo-copy-v1.json");
        await AssertRedirectAsync(await admin.Http.PostAsync(importUrl, content));

        var draft = Assert.Single(await VersionsAsync("builder-roundtrip"));
        Assert.Equal(FormVersionStatus.Draft, draft.Status);
        Assert.Equal(1, draft.VersionNumber);
        Assert.Equal(exported, FormJson.Export(draft.Definition));
        var again = await admin.Http.GetAsync($"{Editor("builder-roundtrip")}/versions/1/export");
        Assert.Equal(exported, await again.Content.ReadAsStringAsync());

        // Pasted over an existing draft it replaces the draft's definition (still one draft).
        var minimal = """{"format":"citydx-form","version":1,"steps":[{"key":"main","titleJa":"","titleEn":"","fields":[{"key":"note","type":"shortText","labelJa":"メモ","labelEn":"Note","required":true}]}]}""";
        await AssertRedirectAsync(await admin.PostFormAsync(importUrl, new() { ["Json"] = minimal }));
        var replaced = Assert.Single(await VersionsAsync("builder-roundtrip"));
        Assert.Equal(new[] { "note" }, replaced.Definition.Fields.Select(f => f.Key));
    }

    [Fact]
    public async Task A_date_question_gets_a_checked_range_and_an_address_question_its_municipalities()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        const string code = "builder-dates";
        await CreateProcedureAsync(admin, code);
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "StartDraft"));
        await AssertRedirectAsync(await AddFieldAsync(admin, code, "main", FieldType.Date, "moved_on", "引越し日", "Moving date"));
        var before = (await VersionsAsync(code)).Single().DefinitionJson;

        var crossed = await PortalClient.ReadAsync(await UpdateFieldAsync(admin, code, "moved_on", new() { ["Input.MinDate"] = "today+1", ["Input.MaxDate"] = "today" }));
        Assert.Equal(["最も遅い日付が最も早い日付より前になっています"], crossed.ErrorSummary());
        var unreadable = await PortalClient.ReadAsync(await UpdateFieldAsync(admin, code, "moved_on", new() { ["Input.MaxDate"] = "tomorrow" }));
        Assert.Equal(["最も遅い日付は today、today-365、today+14 または 2026-04-01 の形で入力してください"], unreadable.ErrorSummary());
        Assert.Equal(before, (await VersionsAsync(code)).Single().DefinitionJson);

        await AssertRedirectAsync(await UpdateFieldAsync(admin, code, "moved_on", new() { ["Input.MinDate"] = "today-365", ["Input.MaxDate"] = " today+14 " }));
        var moved = (await VersionsAsync(code)).Single().Definition.FindField("moved_on")!;
        Assert.Equal(("today-365", "today+14"), (moved.MinDate, moved.MaxDate));

        await AssertRedirectAsync(await AddFieldAsync(admin, code, "main", FieldType.PostalAddress, "home", "現在の住所(大阪市内)", "Current address in Osaka City"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, code, "home", new() { ["Input.AllowedCities"] = "大阪市\n\n" }));
        Assert.Equal(["大阪市"], (await VersionsAsync(code)).Single().Definition.FindField("home")!.AllowedCityList);
        Assert.Contains("\"allowedCities\"", (await VersionsAsync(code)).Single().DefinitionJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_and_questions_are_reordered_edited_and_bad_settings_are_listed()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        const string code = "builder-edits";
        await CreateProcedureAsync(admin, code);
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "StartDraft"));
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "AddStep", new() { ["NewStep.Key"] = "second", ["NewStep.TitleJa"] = "二", ["NewStep.TitleEn"] = "Two" }));
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "MoveStep", new() { ["key"] = "second", ["up"] = "true" }));
        Assert.Equal(new[] { "second", "main" }, (await VersionsAsync(code)).Single().Definition.Steps.Select(s => s.Key));

        // A step's rule; the only step cannot be removed.
        await AssertRedirectAsync(await AddFieldAsync(admin, code, "second", FieldType.SingleChoice, "kind", "種類", "Kind"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, code, "kind", new() { ["Input.Options"] = "a|甲|A\nb|乙|B", ["Input.Required"] = "false" }));
        await AssertRedirectAsync(await admin.PostFormAsync($"{Editor(code)}/steps/main", new()
        {
            ["Input.TitleJa"] = "一",
            ["Input.TitleEn"] = "One",
            ["Input.ConditionFieldKey"] = "kind",
            ["Input.ConditionOperator"] = "OneOf",
            ["Input.ConditionValues"] = "a\nb",
        }));
        var draft = (await VersionsAsync(code)).Single().Definition;
        Assert.Equal(new Condition("kind", ConditionOperator.OneOf, ["a", "b"]).Values, draft.Steps.Single(s => s.Key == "main").ShowWhen!.Values);
        Assert.False(draft.FindField("kind")!.Required);
        var noValues = await PortalClient.ReadAsync(await admin.PostFormAsync($"{Editor(code)}/steps/main", new() { ["Input.ConditionFieldKey"] = "kind", ["Input.ConditionOperator"] = "Equals", ["Input.ConditionValues"] = "" }));
        Assert.Equal(["比べる値を1つ以上入力してください"], noValues.ErrorSummary());
        await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "RemoveStep", new() { ["key"] = "main" }));
        // The page offers no remove button for the only step; a crafted post is refused all the same.
        var editor = await admin.GetPageAsync(Editor(code));
        Assert.Empty(editor.QuerySelectorAll("form[action*='handler=RemoveStep' i]"));
        var last = await PortalClient.ReadAsync(await admin.SubmitAsync(editor.QuerySelector<IHtmlFormElement>("main form[method=post]")!, new() { ["key"] = "second" }, Editor(code) + "?handler=RemoveStep"));
        Assert.Equal(["最後の1ページは削除できません"], last.ErrorSummary());

        // Every bad setting of a question is listed, linked to its input, and nothing changes.
        await AssertRedirectAsync(await AddFieldAsync(admin, code, "second", FieldType.MultipleChoice, "colours", "色", "Colours"));
        var before = (await VersionsAsync(code)).Single().DefinitionJson;
        var bad = await PortalClient.ReadAsync(await UpdateFieldAsync(admin, code, "colours", new()
        {
            ["Input.LabelEn"] = "",
            ["Input.Min"] = "two",
            ["Input.Options"] = "red|赤|Red\nblue|青",
            ["Input.ConditionFieldKey"] = "nothing",
        }));
        var errors = bad.ErrorSummary();
        Assert.Contains("表示名(英語)を入力してください", errors);
        Assert.Contains("最小値は数値で入力してください", errors);
        Assert.Contains("選択肢の2行目を「値|日本語|English」の形にしてください", errors);
        Assert.NotNull(bad.QuerySelector(".error-summary a[href='#Input_Options']"));
        Assert.NotNull(bad.QuerySelector("#Input_Options"));
        Assert.Equal(before, (await VersionsAsync(code)).Single().DefinitionJson);

        // A repeating group's questions, one per line.
        await AssertRedirectAsync(await AddFieldAsync(admin, code, "second", FieldType.RepeatingGroup, "members", "世帯員", "Household members"));
        await AssertRedirectAsync(await UpdateFieldAsync(admin, code, "members", new()
        {
            ["Input.SubFields"] = "member_name|personName|氏名|Name\nmember_birth|date|生年月日|Date of birth|optional",
            ["Input.MinRows"] = "1",
            ["Input.MaxRows"] = "6",
        }));
        var group = (await VersionsAsync(code)).Single().Definition.FindField("members")!;
        Assert.Equal(new[] { "member_name", "member_birth" }, group.SubFieldList.Select(f => f.Key));
        Assert.Equal(FieldType.Date, group.SubFieldList[1].Type);
        Assert.False(group.SubFieldList[1].Required);
        Assert.Equal(6, group.MaxRows);
        var page = await admin.GetPageAsync($"{Editor(code)}/fields/members");
        Assert.Equal("member_name|personName|氏名|Name\nmember_birth|date|生年月日|Date of birth|optional", page.QuerySelector<IHtmlTextAreaElement>("#Input_SubFields")!.Value);
    }

    public static TheoryData<string, string> HostileJson()
    {
        var field = """{"key":"x","type":"signature","labelJa":"x","labelEn":"x","required":true}""";
        return new()
        {
            { "{\"format\":\"citydx-form\",\"version\":1,\"steps\":[],\"pad\":\"" + new string('a', FormJson.MaxBytes) + "\"}", "JSONが大きすぎます(1MBまで)" },
            { "{\"format\": \"citydx-form\", \"version\": 1, \"steps\": [", "JSONとして読み取れません" },
            { new string('[', 40) + new string(']', 40), "JSONの入れ子が深すぎます(32段まで)" },
            { """{"format":"citydx-form","version":1,"version":1,"steps":[]}""", "同じ項目名が1つのオブジェクトに2回あります" },
            { "{\"format\":\"citydx-form\",\"version\":1,\"steps\":[{\"key\":\"main\",\"titleJa\":\"\",\"titleEn\":\"\",\"fields\":[" + field + "]}]}", "知らない質問の種類があります" },
            { "", "JSONファイルを選択するか、JSONを貼り付けてください" },
        };
    }

    [Theory]
    [MemberData(nameof(HostileJson))]
    public async Task Hostile_json_is_refused_with_its_message_and_the_draft_is_unchanged(string json, string message)
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        const string code = "tax-certificate";
        var importUrl = $"{Editor(code)}/import";
        if (!(await VersionsAsync(code)).Any(v => v.Status == FormVersionStatus.Draft))
        {
            // With no draft, a refused import does not start one either.
            var before = (await VersionsAsync(code)).Count;
            var noDraft = await PortalClient.ReadAsync(await admin.PostFormAsync(importUrl, new() { ["Json"] = json }));
            Assert.Contains(noDraft.ErrorSummary(), m => m.StartsWith(message, StringComparison.Ordinal));
            Assert.Equal(before, (await VersionsAsync(code)).Count);
            await AssertRedirectAsync(await PostHandlerAsync(admin, Editor(code), "StartDraft"));
        }

        var draftBefore = (await VersionsAsync(code)).Single(v => v.Status == FormVersionStatus.Draft).DefinitionJson;
        var response = await admin.PostFormAsync(importUrl, new() { ["Json"] = json });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ReadAsync(response);
        Assert.Contains(page.ErrorSummary(), m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal("#Json", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(draftBefore, (await VersionsAsync(code)).Single(v => v.Status == FormVersionStatus.Draft).DefinitionJson);
    }

    [Theory]
    [InlineData(Demo.Citizen)]
    [InlineData(Demo.KitaStaff)]
    [InlineData(Demo.Analyst)]
    public async Task Only_admins_open_the_form_builder(string email)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        foreach (var url in new[] { Editor(Dog), $"{Editor(Dog)}/preview", $"{Editor(Dog)}/import", $"{Editor(Dog)}/fields/dog_name", $"{Editor(Dog)}/versions/1/export" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_affiliated_bodys_admin_gets_404_for_another_bodys_form()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.FacilitiesAdmin);
        foreach (var url in new[] { Editor(Dog), $"{Editor(Dog)}/preview", $"{Editor(Dog)}/import", $"{Editor(Dog)}/fields/dog_name", $"{Editor(Dog)}/steps/main", $"{Editor(Dog)}/versions/1/export" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(url)).StatusCode);
        }

        // Its own procedure's editor opens; a post aimed at dog registration with a valid token is still not found.
        var own = await admin.GetPageAsync(Editor("facility-booking"));
        var form = own.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await admin.Http.PostAsync($"{Editor(Dog)}?handler=StartDraft", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
