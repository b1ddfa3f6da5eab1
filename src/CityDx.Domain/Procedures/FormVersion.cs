using System.Text.Json;
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
/// under; a published version never changes (the database refuses it too).
/// </summary>
public class FormVersion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private FormDefinition? _definition;

    private FormVersion() { }

    public Guid Id { get; private set; }
    public Guid ProcedureId { get; private set; }
    public int VersionNumber { get; private set; }
    public FormVersionStatus Status { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The definition as stored (JSON); read through <see cref="Definition"/>.</summary>
    public string DefinitionJson { get; private set; } = "[]";

    public FormDefinition Definition =>
        _definition ??= new FormDefinition(JsonSerializer.Deserialize<List<FormField>>(DefinitionJson, Json) ?? []);

    public static FormVersion Published(Guid procedureId, int versionNumber, FormDefinition definition, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ProcedureId = procedureId,
        VersionNumber = versionNumber,
        Status = FormVersionStatus.Published,
        PublishedAt = now,
        DefinitionJson = JsonSerializer.Serialize(definition.Fields, Json),
        _definition = definition,
    };
}
