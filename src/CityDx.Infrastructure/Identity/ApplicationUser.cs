using Microsoft.AspNetCore.Identity;

namespace CityDx.Infrastructure.Identity;

/// <summary>An account: a citizen, or a member of staff (see <c>StaffMembership</c>).</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The name shown in the portal (not the legal name an application states).</summary>
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>"ja" or "en": the language of mails and of the portal after sign-in.</summary>
    public string PreferredCulture { get; set; } = "ja";
}
