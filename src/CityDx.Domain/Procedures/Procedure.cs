using CityDx.Domain.Forms;

namespace CityDx.Domain.Procedures;

/// <summary>Where applications for a procedure go.</summary>
public enum Routing
{
    /// <summary>The applicant chooses the ward office (usually their own).</summary>
    ChosenWard = 0,

    /// <summary>Work common to all wards, handled centrally in batches.</summary>
    CentralProcessingCentre = 1,

    /// <summary>The owning unit handles it (a bureau or an affiliated body).</summary>
    OwningUnit = 2,
}

/// <summary>手続き: something a citizen can apply for.</summary>
public class Procedure
{
    private Procedure() { }

    public Procedure(string code, string nameJa, string nameEn, string descriptionJa, string descriptionEn, string category, int standardProcessingDays, Routing routing, Guid owningUnitId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfNegative(standardProcessingDays);
        Id = Guid.CreateVersion7();
        Code = code;
        NameJa = nameJa;
        NameEn = nameEn;
        DescriptionJa = descriptionJa;
        DescriptionEn = descriptionEn;
        Category = category;
        StandardProcessingDays = standardProcessingDays;
        Routing = routing;
        OwningUnitId = owningUnitId;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameJa { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string DescriptionJa { get; private set; } = "";
    public string DescriptionEn { get; private set; } = "";
    public string Category { get; private set; } = "";
    public int StandardProcessingDays { get; private set; }
    public Routing Routing { get; private set; }
    public Guid OwningUnitId { get; private set; }
    public bool IsPublished { get; private set; }
    public Guid? CurrentFormVersionId { get; private set; }

    public string Name(bool english) => english ? NameEn : NameJa;
    public string Description(bool english) => english ? DescriptionEn : DescriptionJa;

    /// <summary>Publishes a form version and makes it the one new applications are filed under.</summary>
    public FormVersion PublishForm(FormDefinition definition, int versionNumber, DateTimeOffset now)
    {
        var version = FormVersion.Published(Id, versionNumber, definition, now);
        CurrentFormVersionId = version.Id;
        IsPublished = true;
        return version;
    }
}
