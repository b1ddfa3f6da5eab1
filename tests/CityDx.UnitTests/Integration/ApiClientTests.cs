using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Domain.Integration;

namespace CityDx.UnitTests.Integration;

public sealed class ApiClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);

    private static (ApiClient Client, string Secret) NewClient()
    {
        var (client, credential) = ApiClient.Register("  基幹システム ", ApiScopes.CasesRead, [Guid.NewGuid()], "admin", Now);
        Assert.True(ApiClient.TryParseCredential(credential, out var id, out var secret));
        Assert.Equal(client.Id, id);
        return (client, secret);
    }

    [Fact]
    public void The_credential_is_the_client_id_and_32_random_bytes_and_only_its_hash_is_kept()
    {
        var (client, secret) = NewClient();
        Assert.Equal("基幹システム", client.Name);
        Assert.Equal(43, secret.Length);
        Assert.Equal(32, client.SecretHash.Length);
        Assert.True(client.Accepts(secret));
        Assert.False(client.Accepts(secret[..^1]));
        Assert.False(client.Accepts(""));
        Assert.NotEqual(secret, NewClient().Secret);
    }

    [Fact]
    public void A_new_secret_replaces_the_old_one()
    {
        var (client, old) = NewClient();
        Assert.True(ApiClient.TryParseCredential(client.RotateSecret(Now.AddDays(1)), out _, out var fresh));
        Assert.False(client.Accepts(old));
        Assert.True(client.Accepts(fresh));
        Assert.Equal(Now.AddDays(1), client.SecretRotatedAt);
    }

    [Fact]
    public void A_revoked_client_accepts_nothing_and_gets_no_new_secret()
    {
        var (client, secret) = NewClient();
        client.Revoke(Now);
        Assert.False(client.Accepts(secret));
        Assert.Equal("ApiClient.Revoked", Assert.Throws<DomainRuleException>(() => client.RotateSecret(Now)).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".secret")]
    [InlineData("0123456789abcdef0123456789abcdef.")]
    [InlineData("not-a-guid.secret")]
    [InlineData("01234567-89ab-cdef-0123-456789abcdef.secret")]
    public void Malformed_credentials_are_not_parsed(string? credential) =>
        Assert.False(ApiClient.TryParseCredential(credential, out _, out _));

    [Fact]
    public void A_clients_principal_id_is_recognisable_and_the_audit_log_calls_it_a_client()
    {
        var (client, _) = NewClient();
        Assert.Equal(client.Id, ApiClient.IdOfPrincipal(client.PrincipalId));
        Assert.Null(ApiClient.IdOfPrincipal(Guid.NewGuid().ToString()));
        Assert.Equal(AuditActorKind.ApiClient, new AuditEntry(Now, client.PrincipalId, AuditActions.CaseRead, AuditOutcome.Ok).ActorKind);
        Assert.Equal(AuditActorKind.User, new AuditEntry(Now, Guid.NewGuid().ToString(), AuditActions.CaseRead, AuditOutcome.Ok).ActorKind);
    }

    [Fact]
    public void Audit_details_are_cut_to_their_column()
    {
        var entry = new AuditEntry(Now, "user", AuditActions.QueueList, AuditOutcome.Ok, detail: new string('x', 500));
        Assert.Equal(AuditEntry.MaxDetailLength, entry.Detail!.Length);
    }
}
