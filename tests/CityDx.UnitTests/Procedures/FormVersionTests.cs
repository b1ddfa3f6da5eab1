using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.UnitTests.Forms;

namespace CityDx.UnitTests.Procedures;

public sealed class FormVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly Guid ProcedureId = Guid.CreateVersion7();

    private static FormDefinition Simple(string key = "name") => new([new FormField(key, FieldType.ShortText, "氏名", "Name")]);

    private static FormDefinition Broken() => new([new FormField("Bad", FieldType.SingleChoice, "", "Kind")]);

    [Fact]
    public void A_draft_stores_its_definition_as_form_json()
    {
        var draft = FormVersion.Draft(ProcedureId, 1, Simple());
        Assert.Equal(FormVersionStatus.Draft, draft.Status);
        Assert.Null(draft.PublishedAt);
        Assert.Equal(ProcedureId, draft.ProcedureId);
        Assert.Equal(FormJson.Export(Simple()), draft.DefinitionJson);
        Assert.StartsWith("{", draft.DefinitionJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_definition_is_read_back_from_the_stored_json()
    {
        var stored = FormVersion.Draft(ProcedureId, 1, FormJsonTests.Rich());
        var loaded = Reload(stored);
        Assert.Equal(stored.DefinitionJson, FormJson.Export(loaded.Definition));
        Assert.Equal(["applicant", "more"], loaded.Definition.Steps.Select(s => s.Key));
    }

    [Fact]
    public void The_same_stored_form_is_read_once_and_shared_while_another_is_read_for_itself()
    {
        var stored = FormVersion.Draft(ProcedureId, 1, FormJsonTests.Rich());
        var first = Reload(stored).Definition;
        Assert.Same(first, Reload(stored).Definition);
        Assert.NotSame(first, Reload(FormVersion.Draft(ProcedureId, 2, Simple("other"))).Definition);
        Assert.Equal(stored.DefinitionJson, FormJson.Export(first));
    }

    [Fact]
    public void Rows_stored_before_form_json_still_read_as_one_page()
    {
        var loaded = Reload(FormVersion.Draft(ProcedureId, 1, Simple()), """[{"key":"name","type":1,"labelJa":"氏名","labelEn":"Name","required":true}]""");
        var field = Assert.Single(loaded.Definition.Fields);
        Assert.Equal(("name", FieldType.ShortText), (field.Key, field.Type));
        Assert.Equal("main", Assert.Single(loaded.Definition.Steps).Key);
    }

    [Fact]
    public void Unreadable_stored_json_is_a_clear_error()
    {
        var loaded = Reload(FormVersion.Draft(ProcedureId, 1, Simple()), """{"format":"other"}""");
        var error = Assert.Throws<InvalidOperationException>(() => loaded.Definition);
        Assert.Contains("Json.UnknownFormat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_can_be_updated_then_published()
    {
        var draft = FormVersion.Draft(ProcedureId, 1, Simple());
        draft.UpdateDefinition(Simple("address"));
        Assert.Equal("address", Assert.Single(draft.Definition.Fields).Key);
        Assert.Equal(FormJson.Export(Simple("address")), draft.DefinitionJson);

        draft.Publish(Now);
        Assert.Equal(FormVersionStatus.Published, draft.Status);
        Assert.Equal(Now, draft.PublishedAt);
    }

    [Fact]
    public void A_published_or_retired_version_cannot_change()
    {
        var version = FormVersion.Published(ProcedureId, 1, Simple(), Now);
        var before = version.DefinitionJson;
        Assert.Equal("Form.VersionImmutable", Assert.Throws<DomainRuleException>(() => version.UpdateDefinition(Simple("other"))).Code);
        Assert.Equal("Form.VersionImmutable", Assert.Throws<DomainRuleException>(() => version.Publish(Now.AddDays(1))).Code);
        Assert.Equal(Now, version.PublishedAt);

        version.Retire();
        Assert.Equal(FormVersionStatus.Retired, version.Status);
        Assert.Equal("Form.VersionImmutable", Assert.Throws<DomainRuleException>(() => version.UpdateDefinition(Simple("other"))).Code);
        Assert.Equal("Form.VersionImmutable", Assert.Throws<DomainRuleException>(() => version.Publish(Now)).Code);
        Assert.Equal(before, version.DefinitionJson);
    }

    [Fact]
    public void Only_a_published_version_can_be_retired()
    {
        var draft = FormVersion.Draft(ProcedureId, 1, Simple());
        Assert.Equal("Form.VersionNotPublished", Assert.Throws<DomainRuleException>(draft.Retire).Code);
        var retired = FormVersion.Published(ProcedureId, 1, Simple(), Now);
        retired.Retire();
        Assert.Equal("Form.VersionNotPublished", Assert.Throws<DomainRuleException>(retired.Retire).Code);
    }

    [Fact]
    public void Publishing_a_form_with_problems_lists_them_all()
    {
        var draft = FormVersion.Draft(ProcedureId, 1, Broken());
        var error = Assert.Throws<FormPublishException>(() => draft.Publish(Now));
        Assert.Equal("Form.PublishProblems", error.Code);
        Assert.Equal(["Publish.InvalidKey", "Publish.LabelMissing", "Publish.NoOptions"], error.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.IsType<DomainRuleException>(error, exactMatch: false);
        Assert.Equal(FormVersionStatus.Draft, draft.Status);
        Assert.Null(draft.PublishedAt);
    }

    [Fact]
    public void The_published_factory_runs_the_checks_too()
    {
        var error = Assert.Throws<FormPublishException>(() => FormVersion.Published(ProcedureId, 1, Broken(), Now));
        Assert.NotEmpty(error.Problems);
        var ok = FormVersion.Published(ProcedureId, 1, Simple(), Now);
        Assert.Equal(FormVersionStatus.Published, ok.Status);
    }

    [Fact]
    public void Procedure_publish_form_still_works_and_refuses_a_broken_form()
    {
        var procedure = new Procedure("dog", new ProcedureDetails("犬の登録", "Dog registration", "", "", "health", [], "", "", "", [], [], null,
            FeeTiming.None, 7, Routing.ChosenWard, ChannelSet.Online, Guid.CreateVersion7()));
        var version = procedure.PublishForm(Simple(), 1, Now);
        Assert.Equal(version.Id, procedure.CurrentFormVersionId);
        Assert.Equal(FormVersionStatus.Published, version.Status);
        Assert.Throws<FormPublishException>(() => procedure.PublishForm(Broken(), 2, Now));
        Assert.Equal(version.Id, procedure.CurrentFormVersionId);
    }

    [Theory]
    [InlineData(FormVersionStatus.Draft)]
    [InlineData(FormVersionStatus.Published)]
    [InlineData(FormVersionStatus.Retired)]
    public void Copy_as_draft_makes_an_editable_new_version_with_the_same_definition(FormVersionStatus from)
    {
        var original = FormVersion.Draft(ProcedureId, 1, FormJsonTests.Rich());
        if (from != FormVersionStatus.Draft)
        {
            original.Publish(Now);
        }

        if (from == FormVersionStatus.Retired)
        {
            original.Retire();
        }

        var copy = original.CopyAsDraft(2);
        Assert.NotEqual(original.Id, copy.Id);
        Assert.Equal((ProcedureId, 2, FormVersionStatus.Draft), (copy.ProcedureId, copy.VersionNumber, copy.Status));
        Assert.Null(copy.PublishedAt);
        Assert.Equal(original.DefinitionJson, copy.DefinitionJson);
        copy.UpdateDefinition(Simple());
        Assert.Equal(from, original.Status);
        Assert.NotEqual(original.DefinitionJson, copy.DefinitionJson);
    }

    /// <summary>What loading the row from the database does: a fresh object with only the stored columns.</summary>
    private static FormVersion Reload(FormVersion stored, string? json = null)
    {
        var loaded = (FormVersion)Activator.CreateInstance(typeof(FormVersion), nonPublic: true)!;
        foreach (var property in typeof(FormVersion).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(loaded, property.Name == nameof(FormVersion.DefinitionJson) && json is not null ? json : property.GetValue(stored));
        }

        return loaded;
    }
}
