using System.Resources;

[assembly: NeutralResourcesLanguage("ja")]

namespace CityDx.Application.Resources;

/// <summary>
/// Marker for the one shared string table of the portal (SharedResource.resx is Japanese, the
/// neutral language; SharedResource.en.resx is English). Every user-facing string comes from it.
/// </summary>
public sealed class SharedResource;
