using CityDx.Domain.Attachments;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Domain.Integration;
using CityDx.Domain.Japanese;
using CityDx.Domain.Mail;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// The case store. One model for both providers; each provider has its own subclass only so that
/// it can carry its own migrations (<see cref="SqliteCityDxDbContext"/>, <see cref="PostgresCityDxDbContext"/>).
/// Handlers use this type directly: no repository wrapper.
/// </summary>
public abstract class CityDxDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<OrganisationUnit> OrganisationUnits => Set<OrganisationUnit>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<FormVersion> FormVersions => Set<FormVersion>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseHistoryEntry> CaseHistory => Set<CaseHistoryEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PostalAddress> PostalAddresses => Set<PostalAddress>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftFile> DraftFiles => Set<DraftFile>();
    public DbSet<AnswerRevision> AnswerRevisions => Set<AnswerRevision>();
    public DbSet<CaseMessage> CaseMessages => Set<CaseMessage>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<CounterReception> CounterReceptions => Set<CounterReception>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<ApiClientUnit> ApiClientUnits => Set<ApiClientUnit>();
    public DbSet<KpiMonth> KpiMonths => Set<KpiMonth>();
    public DbSet<KpiProcessingDays> KpiProcessingDays => Set<KpiProcessingDays>();
    public DbSet<KpiFunnelMonth> KpiFunnelMonths => Set<KpiFunnelMonth>();
    public DbSet<KpiRollupState> KpiRollupState => Set<KpiRollupState>();
    public DbSet<StaffTimeStandard> StaffTimeStandards => Set<StaffTimeStandard>();
    public DbSet<Domain.Payments.FeePayment> FeePayments => Set<Domain.Payments.FeePayment>();

    /// <summary>
    /// Case history, answer revisions, case messages and the audit log are append-only: refuse to save a change or deletion of an entry. (On PostgreSQL a
    /// trigger refuses it as well, for anything that bypasses EF.)
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is CaseHistoryEntry or AnswerRevision or CaseMessage or AuditEntry && (entry.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} is append-only.");
            }
        }
    }

    /// <summary>
    /// One <see cref="IEntityTypeConfiguration{TEntity}"/> per entity, grouped by aggregate in
    /// <c>Persistence/Configurations</c>. What differs by provider stays in the provider's context
    /// (<see cref="PostgresCityDxDbContext"/>, <see cref="SqliteCityDxDbContext"/>).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CityDxDbContext).Assembly);
    }
}
