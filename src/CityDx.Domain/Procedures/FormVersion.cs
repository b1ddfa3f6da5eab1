using System.Text.Json;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;

namespace CityDx.Domain.Procedures;

public enum FormVersionStatus
{
    Draft = 0,
    Published = 1,
    Retired = 2,
}

/// <summary>
/// 様式(版): one version of a procedure's form. Applications point at the version they were filed
/// under; only a <see cref="FormVersionStatus.Draft"/> can change, and a published version never does (the
/// database refuses it too). Draft → Published (after <see cref="FormChecks"/>) → Retired; to change a published
/// form, <see cref="CopyAsDraft"/> and publish the copy as a new version.
/// </summary>
public class FormVersion
{
    /// <summary>Only to read rows stored before <see cref="FormJson"/> (a bare JSON array of fields).</summary>
    private static readonly JsonSerializerOptions LegacyJson = new(JsonSerializerDefaults.Web);
    private FormDefinition? _definition;

    private FormVersion() { }

    public Guid Id { get; private set; }
    public Guid ProcedureId { get; private set; }
    public int VersionNumber { get; private set; }
    public FormVersionStatus Status { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The definition as stored (<see cref="FormJson"/>); read through <see cref="Definition"/>.</summary>
    public string DefinitionJson { get; private set; } = "[]";

    /// <exception cref="InvalidOperationException">The stored JSON cannot be read (corrupt data).</exception>
    public FormDefinition Definition => _definition ??= Read(DefinitionJson);

    /// <summary>A new, editable version.</summary>
    public static FormVersion Draft(Guid procedureId, int versionNumber, FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new FormVersion
        {
            Id = Guid.CreateVersion7(),
            ProcedureId = procedureId,
            VersionNumber = versionNumber,
            Status = FormVersionStatus.Draft,
            DefinitionJson = FormJson.Export(definition),
            _definition = definition,
        };
    }

    /// <summary>A version published at once (seeding, <see cref="Procedure.PublishForm"/>); runs the publish checks.</summary>
    /// <exception cref="FormPublishException">The definition has problems (code "Form.PublishProblems").</exception>
    public static FormVersion Published(Guid procedureId, int versionNumber, FormDefinition definition, DateTimeOffset now)
    {
        var version = Draft(procedureId, versionNumber, definition);
        version.Publish(now);
        return version;
    }

    /// <exception cref="DomainRuleException">"Form.VersionImmutable" unless the version is a draft.</exception>
    public void UpdateDefinition(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnsureDraft();
        DefinitionJson = FormJson.Export(definition);
        _definition = definition;
    }

    /// <exception cref="DomainRuleException">"Form.VersionImmutable" unless the version is a draft.</exception>
    /// <exception cref="FormPublishException">"Form.PublishProblems": <see cref="FormChecks"/> found problems, listed on the exception.</exception>
    public void Publish(DateTimeOffset now)
    {
        EnsureDraft();
        var problems = FormChecks.Check(Definition, JapanTime.DateOf(now));
        if (problems.Count > 0)
        {
            throw new FormPublishException(problems);
        }

        Status = FormVersionStatus.Published;
        PublishedAt = now;
    }

    /// <exception cref="DomainRuleException">"Form.VersionNotPublished" unless the version is published.</exception>
    public void Retire()
    {
        if (Status != FormVersionStatus.Published)
        {
            throw new DomainRuleException("Form.VersionNotPublished", $"Only a published form version can be retired (this one is {Status}).");
        }

        Status = FormVersionStatus.Retired;
    }

    /// <summary>A new draft of the same procedure with the same definition (from a version in any state).</summary>
    public FormVersion CopyAsDraft(int newVersionNumber) => new()
    {
        Id = Guid.CreateVersion7(),
        ProcedureId = ProcedureId,
        VersionNumber = newVersionNumber,
        Status = FormVersionStatus.Draft,
        DefinitionJson = FormJson.Export(Definition),
        _definition = Definition,
    };

    private void EnsureDraft()
    {
        if (Status != FormVersionStatus.Draft)
        {
            throw new DomainRuleException("Form.VersionImmutable", $"Form version {VersionNumber} is {Status} and can no longer be changed; copy it as a new draft.");
        }
    }

    /// <summary>
    /// Definitions already read, by their stored text: every page of every filing reads its form, and
    /// the same text always reads as the same (immutable) definition. Bounded; emptied when full.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FormDefinition> ReadBefore = new(StringComparer.Ordinal);

    private const int ReadBeforeLimit = 128;

    private static FormDefinition Read(string json)
    {
        if (ReadBefore.TryGetValue(json, out var known))
        {
            return known;
        }

        if (ReadBefore.Count >= ReadBeforeLimit)
        {
            ReadBefore.Clear();
        }

        return ReadBefore[json] = Parse(json);
    }

    private static FormDefinition Parse(string json)
    {
        // Rows written before FormJson hold a bare array of fields; they are read as a one-page form.
        if (json.TrimStart().StartsWith('['))
        {
            return new FormDefinition(JsonSerializer.Deserialize<List<FormField>>(json, LegacyJson) ?? []);
        }

        var result = FormJson.Import(json);
        return result.Definition ?? throw new InvalidOperationException($"The stored form definition cannot be read: {string.Join("; ", result.Errors)}");
    }
}
