using System.Text.Json;
using System.Text.Json.Serialization;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;

namespace CityDx.Web.Startup;

/// <summary>
/// The demo city's (大阪市) catalogue as data: <c>Startup/DemoCatalogue/procedures.json</c> says what each
/// procedure is (names, description, category, fee, routing, channels, workflow …) and
/// <c>Startup/DemoCatalogue/forms/{code}.json</c> is its form in the documented form format
/// (docs/form-json-format.md), which the seeder loads through the admins' own import. Both are embedded
/// in the web assembly. Fees are typical values for a Japanese city of this size, not a statement of any
/// city's current fee schedule.
/// <para>
/// What the data says on purpose: certificates are routed to the central processing centre, 届出 to the ward
/// the applicant chooses, bureau and affiliated-body matters to the owning unit. Certificates about a person
/// need a 委任状 when someone else asks for them (<c>"proxy": "letterRequired"</c>). The dog notifications
/// need no 決裁 (staff accept them); the others go to an approver, whose approvers are mailed when a case is
/// three business days overdue. The dog registration and residence-record forms stay short: they are the
/// ones the end-to-end tests and the tutorial walk through.
/// </para>
/// </summary>
public static class DemoCatalogue
{
    public const string Format = "citydx-demo-catalogue";

    private const string ResourcePrefix = "CityDx.DemoCatalogue.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The procedures in seeding order, each with its form's JSON text.</summary>
    public static IReadOnlyList<DemoProcedure> Load()
    {
        var catalogue = JsonSerializer.Deserialize<DemoCatalogueFile>(Read("procedures.json"), Json)
            ?? throw new InvalidOperationException("The demo catalogue is empty.");
        if (catalogue.Format != Format || catalogue.Version != 1)
        {
            throw new InvalidOperationException($"The demo catalogue is not {Format} version 1.");
        }

        return [.. catalogue.Procedures.Select(p => p with { FormJson = Read($"forms.{p.Code}.json") })];
    }

    private static string Read(string name)
    {
        using var stream = typeof(DemoCatalogue).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The demo catalogue has no {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record DemoCatalogueFile(string Format, int Version, IReadOnlyList<DemoProcedure> Procedures);
}

/// <summary>Whether a procedure's cases go to an approver (決裁) and after how many overdue business days its approvers are mailed.</summary>
public sealed record DemoWorkflow(bool Approval, int? EscalateWhenOverdueDays = null)
{
    public CaseWorkflow ToWorkflow() => (Approval ? CaseWorkflow.Default : CaseWorkflow.DefaultWithoutApproval).WithEscalation(EscalateWhenOverdueDays);
}

/// <summary>One procedure of procedures.json: what an admin sets on the procedure page and its workflow; the form is in its own file.</summary>
/// <param name="Code">Stable kebab-case code (used in URLs and seeds; the form file's name).</param>
/// <param name="OwningUnit">Code of the owning organisation unit.</param>
public sealed record DemoProcedure(
    string Code,
    string OwningUnit,
    string NameJa,
    string NameEn,
    string DescriptionJa,
    string DescriptionEn,
    string Category,
    IReadOnlyList<string> LifeEvents,
    string Keywords,
    string EligibilityJa,
    string EligibilityEn,
    IReadOnlyList<string> RequiredDocumentsJa,
    IReadOnlyList<string> RequiredDocumentsEn,
    int? FeeYen,
    FeeTiming FeeTiming,
    int StandardProcessingDays,
    Routing Routing,
    IReadOnlyList<ChannelSet> Channels,
    ProxyPolicy Proxy,
    DemoWorkflow Workflow)
{
    /// <summary>The form (citydx-form); read from its own file, never from procedures.json.</summary>
    [JsonIgnore]
    public string FormJson { get; init; } = "";

    public ProcedureDetails Details(Guid owningUnitId) => new(
        NameJa, NameEn, DescriptionJa, DescriptionEn, Category, LifeEvents, Keywords, EligibilityJa, EligibilityEn,
        RequiredDocumentsJa, RequiredDocumentsEn, FeeYen, FeeTiming, StandardProcessingDays, Routing,
        Channels.Aggregate(ChannelSet.None, (all, one) => all | one), owningUnitId, Proxy);
}
