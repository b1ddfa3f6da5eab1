using System.Buffers.Text;
using System.Security.Cryptography;

namespace CityDx.Domain.Integration;

/// <summary>What an integration client may do (a scope each): read cases, take actions on them.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    CasesRead = 1,
    CasesTransition = 2,
}

/// <summary>
/// A core system registered by an admin to use /api/v1/cases: it sees the cases of its units only,
/// with its scopes. Its secret is 32 random bytes shown once; only the SHA-256 of it is kept (a
/// high-entropy secret needs no slow hash: ADR 0011), compared in constant time. Revoked clients
/// are refused at once; rotating replaces the secret.
/// </summary>
public class ApiClient
{
    public const int MaxNameLength = 100;

    /// <summary>The form of a client's user id in the principal, the history and the audit log.</summary>
    public const string PrincipalPrefix = "api-client:";

    private readonly List<ApiClientUnit> units = [];

    private ApiClient() { }

    private ApiClient(string name, ApiScopes scopes, IEnumerable<Guid> unitIds, string createdByUserId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        Name = name;
        Scopes = scopes;
        CreatedByUserId = createdByUserId;
        CreatedAt = now;
        units.AddRange(unitIds.Distinct().Select(u => new ApiClientUnit(Id, u)));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public ApiScopes Scopes { get; private set; }

    /// <summary>SHA-256 of the secret's bytes.</summary>
    public byte[] SecretHash { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset? SecretRotatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public IReadOnlyList<ApiClientUnit> Units => units;

    public bool IsRevoked => RevokedAt is not null;

    public string PrincipalId => PrincipalPrefix + Id.ToString("N");

    /// <summary>A new client and its credential (<c>clientId.secret</c>), which is shown once and kept nowhere.</summary>
    public static (ApiClient Client, string Credential) Register(string name, ApiScopes scopes, IEnumerable<Guid> unitIds, string createdByUserId, DateTimeOffset now)
    {
        var client = new ApiClient(name.Trim(), scopes, unitIds, createdByUserId, now);
        return (client, client.NewSecret());
    }

    /// <summary>Replaces the secret: the old one stops working at once.</summary>
    public string RotateSecret(DateTimeOffset now)
    {
        EnsureNotRevoked();
        SecretRotatedAt = now;
        return NewSecret();
    }

    public void Revoke(DateTimeOffset now)
    {
        EnsureNotRevoked();
        RevokedAt = now;
    }

    /// <summary>True when the secret is this client's and the client is not revoked. Constant time in the secret.</summary>
    public bool Accepts(string secret)
    {
        if (IsRevoked || SecretHash.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret), SecretHash);
    }

    public static bool IsPrincipalId(string? userId) => userId is not null && userId.StartsWith(PrincipalPrefix, StringComparison.Ordinal);

    /// <summary>The client id of a principal id made by <see cref="PrincipalId"/>.</summary>
    public static Guid? IdOfPrincipal(string? userId) =>
        IsPrincipalId(userId) && Guid.TryParseExact(userId![PrincipalPrefix.Length..], "N", out var id) ? id : null;

    /// <summary>Splits <c>clientId.secret</c> (the bearer token); false for anything else.</summary>
    public static bool TryParseCredential(string? credential, out Guid clientId, out string secret)
    {
        clientId = default;
        secret = "";
        var dot = credential?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !Guid.TryParseExact(credential.AsSpan(0, dot), "N", out clientId) || dot == credential!.Length - 1)
        {
            return false;
        }

        secret = credential[(dot + 1)..];
        return true;
    }

    private string NewSecret()
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        SecretHash = Hash(secret);
        return $"{Id:N}.{secret}";
    }

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    private void EnsureNotRevoked()
    {
        if (IsRevoked)
        {
            throw new Cases.DomainRuleException("ApiClient.Revoked", "The client is revoked.");
        }
    }
}

/// <summary>An organisation unit whose cases a client may see.</summary>
public class ApiClientUnit
{
    private ApiClientUnit() { }

    public ApiClientUnit(Guid apiClientId, Guid organisationUnitId)
    {
        ApiClientId = apiClientId;
        OrganisationUnitId = organisationUnitId;
    }

    public Guid ApiClientId { get; private set; }
    public Guid OrganisationUnitId { get; private set; }
}
