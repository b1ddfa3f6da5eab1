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
    public DbSet<AuditChainAnchor> AuditChainAnchors => Set<AuditChainAnchor>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<ApiClientUnit> ApiClientUnits => Set<ApiClientUnit>();
    public DbSet<KpiMonth> KpiMonths => Set<KpiMonth>();
    public DbSet<KpiProcessingDays> KpiProcessingDays => Set<KpiProcessingDays>();
    public DbSet<KpiFunnelMonth> KpiFunnelMonths => Set<KpiFunnelMonth>();
    public DbSet<KpiRollupState> KpiRollupState => Set<KpiRollupState>();
    public DbSet<StaffTimeStandard> StaffTimeStandards => Set<StaffTimeStandard>();

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
            if (entry.Entity is CaseHistoryEntry or AnswerRevision or CaseMessage or AuditEntry or AuditChainAnchor && (entry.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} is append-only.");
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<OrganisationUnit>(b =>
        {
            b.ToTable("organisation_units");
            b.HasKey(u => u.Id);
            b.Property(u => u.Code).HasMaxLength(64);
            b.HasIndex(u => u.Code).IsUnique();
            b.Property(u => u.NameJa).HasMaxLength(200);
            b.Property(u => u.NameEn).HasMaxLength(200);
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StaffMembership>(b =>
        {
            b.ToTable("staff_memberships");
            b.HasKey(m => new { m.UserId, m.OrganisationUnitId });
            b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(m => m.OrganisationUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Procedure>(b =>
        {
            b.ToTable("procedures");
            b.HasKey(p => p.Id);
            b.Property(p => p.Code).HasMaxLength(64);
            b.HasIndex(p => p.Code).IsUnique();
            b.Property(p => p.NameJa).HasMaxLength(200);
            b.Property(p => p.NameEn).HasMaxLength(200);
            b.Property(p => p.DescriptionJa).HasMaxLength(4000);
            b.Property(p => p.DescriptionEn).HasMaxLength(4000);
            b.Property(p => p.Category).HasMaxLength(64);
            b.Property(p => p.LifeEvents).HasMaxLength(400);
            b.Property(p => p.Keywords).HasMaxLength(1000);
            b.Property(p => p.EligibilityJa).HasMaxLength(2000);
            b.Property(p => p.EligibilityEn).HasMaxLength(2000);
            b.Property(p => p.RequiredDocumentsJa).HasMaxLength(4000);
            b.Property(p => p.RequiredDocumentsEn).HasMaxLength(4000);
            b.Property(p => p.SearchText).HasMaxLength(12000);
            b.Property(p => p.WorkflowJson).HasMaxLength(64000);
            b.Ignore(p => p.Workflow);
            b.Ignore(p => p.LifeEventList);
            b.HasIndex(p => new { p.IsPublished, p.Category });
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<FormVersion>().WithMany().HasForeignKey(p => p.CurrentFormVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<FormVersion>(b =>
        {
            b.ToTable("form_versions");
            b.HasKey(v => v.Id);
            b.HasIndex(v => new { v.ProcedureId, v.VersionNumber }).IsUnique();
            // At most one draft per procedure (Status 0 = Draft); published versions are immutable by trigger.
            b.HasIndex(v => v.ProcedureId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_form_versions_one_draft");
            b.HasOne<Procedure>().WithMany().HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(v => v.Definition);
        });

        builder.Entity<Case>(b =>
        {
            b.ToTable("cases");
            b.HasKey(c => c.Id);
            b.Property(c => c.ReceiptNumber).HasMaxLength(16);
            b.HasIndex(c => c.ReceiptNumber).IsUnique();
            b.Property(c => c.ApplicantUserId).HasMaxLength(450);
            b.HasIndex(c => new { c.ApplicantUserId, c.SubmissionKey }).IsUnique();
            b.HasIndex(c => new { c.ApplicantUserId, c.SubmittedAt });
            b.Property(c => c.Status).HasMaxLength(40);
            // Queue keysets: (unit, state) then filing date or due date, receipt number as the tiebreaker.
            b.HasIndex(c => new { c.OrganisationUnitId, c.Status, c.SubmittedAt, c.ReceiptNumber });
            b.HasIndex(c => new { c.OrganisationUnitId, c.Status, c.DueDate, c.ReceiptNumber });
            b.HasIndex(c => new { c.AssigneeUserId, c.Status });
            // KPI roll-ups: the refresh finds what changed since its last run, and the days decided.
            b.HasIndex(c => c.UpdatedAt);
            b.HasIndex(c => c.DecidedAt);
            b.HasIndex(c => c.SubmittedAt);
            // The dashboard's backlog and "overdue now": open states first, covering what it groups by.
            b.HasIndex(c => new { c.Status, c.ProcedureId, c.OrganisationUnitId, c.Channel, c.SubmittedAt, c.DueDate }).HasDatabaseName("IX_cases_backlog");
            b.Property(c => c.AssigneeUserId).HasMaxLength(450);
            b.Property(c => c.ApplicantName).HasMaxLength(100);
            b.Property(c => c.NameSearchKey).HasMaxLength(250);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.Property(c => c.SubjectName).HasMaxLength(100);
            b.Property(c => c.SubjectNameKana).HasMaxLength(100);
            b.Property(c => c.ProxyRelationship).HasMaxLength(50);
            b.Ignore(c => c.FiledByProxy);
            b.Property(c => c.PaymentReference).HasMaxLength(64);
            b.Property(c => c.CorrectionFieldKeys).HasMaxLength(4000);
            b.Ignore(c => c.CorrectionFields);
            b.Ignore(c => c.Answers);
            b.HasOne<Procedure>().WithMany().HasForeignKey(c => c.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<FormVersion>().WithMany().HasForeignKey(c => c.FormVersionId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(c => c.OrganisationUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.ApplicantUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<PostalAddress>(b =>
        {
            b.ToTable("postal_addresses");
            b.HasKey(a => new { a.PostalCode, a.City, a.Town });
            b.Property(a => a.PostalCode).HasMaxLength(7);
            b.Property(a => a.PrefectureCode).HasMaxLength(2);
            b.Property(a => a.Prefecture).HasMaxLength(16);
            b.Property(a => a.City).HasMaxLength(64);
            b.Property(a => a.Town).HasMaxLength(200);
            b.Property(a => a.PrefectureKana).HasMaxLength(32);
            b.Property(a => a.CityKana).HasMaxLength(128);
            b.Property(a => a.TownKana).HasMaxLength(400);
            b.HasIndex(a => a.PrefectureCode);
        });

        builder.Entity<Attachment>(b =>
        {
            b.ToTable("attachments");
            b.HasKey(a => a.Id);
            b.Property(a => a.FieldKey).HasMaxLength(200);
            b.Property(a => a.FileName).HasMaxLength(200);
            b.Property(a => a.ContentType).HasMaxLength(100);
            b.Property(a => a.Sha256).HasMaxLength(64);
            b.Property(a => a.StorageKey).HasMaxLength(200);
            b.HasIndex(a => a.CaseId);
            b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Draft>(b =>
        {
            b.ToTable("drafts");
            b.HasKey(d => d.Id);
            b.Property(d => d.ApplicantUserId).HasMaxLength(450);
            b.Property(d => d.CompletedStepKeys).HasMaxLength(4000);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.Ignore(d => d.Answers);
            b.Ignore(d => d.CompletedSteps);
            b.Ignore(d => d.IsSubmitted);
            // My applications lists a citizen's open drafts; the retention job finds expired ones.
            b.HasIndex(d => new { d.ApplicantUserId, d.UpdatedAt });
            b.HasIndex(d => d.ExpiresAt);
            // The funnel roll-up: drafts changed since the last run, and those started on a day.
            b.HasIndex(d => d.UpdatedAt);
            b.HasIndex(d => d.CreatedAt);
            b.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<FormVersion>().WithMany().HasForeignKey(d => d.FormVersionId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.ApplicantUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DraftFile>(b =>
        {
            b.ToTable("draft_files");
            b.HasKey(f => f.Id);
            b.Property(f => f.FieldKey).HasMaxLength(200);
            b.Property(f => f.FileName).HasMaxLength(200);
            b.Property(f => f.ContentType).HasMaxLength(100);
            b.Property(f => f.Sha256).HasMaxLength(64);
            b.Property(f => f.StorageKey).HasMaxLength(200);
            b.HasIndex(f => f.DraftId);
            b.HasOne<Draft>().WithMany().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.To).HasMaxLength(256);
            b.Property(m => m.Subject).HasMaxLength(500);
            b.Property(m => m.Body).HasMaxLength(20000);
            b.Property(m => m.Kind).HasMaxLength(64);
            b.Property(m => m.LastError).HasMaxLength(500);
            b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            b.HasIndex(m => m.CaseId);
        });

        builder.Entity<AnswerRevision>(b =>
        {
            b.ToTable("answer_revisions");
            b.HasKey(r => r.Id);
            b.Property(r => r.ActorUserId).HasMaxLength(450);
            b.Ignore(r => r.PreviousAnswers);
            b.Ignore(r => r.NewAnswers);
            b.HasIndex(r => new { r.CaseId, r.At });
            b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CaseMessage>(b =>
        {
            b.ToTable("case_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.AuthorUserId).HasMaxLength(450);
            b.Property(m => m.Body).HasMaxLength(CaseMessage.MaxBodyLength);
            b.Ignore(m => m.VisibleToApplicant);
            b.HasIndex(m => new { m.CaseId, m.At });
            b.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<IssuedDocument>(b =>
        {
            b.ToTable("issued_documents");
            b.HasKey(d => d.Id);
            b.Property(d => d.FileName).HasMaxLength(200);
            b.Property(d => d.ContentType).HasMaxLength(100);
            b.Property(d => d.Sha256).HasMaxLength(64);
            b.Property(d => d.StorageKey).HasMaxLength(200);
            b.Property(d => d.IssuedByUserId).HasMaxLength(450);
            b.HasIndex(d => d.CaseId);
            b.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CounterReception>(b =>
        {
            b.ToTable("counter_receptions");
            b.HasKey(r => r.CaseId);
            b.HasIndex(r => r.SubmissionKey).IsUnique();
            b.HasIndex(r => new { r.ReceivingUnitId, r.FiledAt });
            b.Property(r => r.FiledByUserId).HasMaxLength(450);
            b.Property(r => r.IdentityNote).HasMaxLength(CounterReception.MaxNoteLength);
            b.Property(r => r.VisitorName).HasMaxLength(100);
            b.Property(r => r.VisitorNameKana).HasMaxLength(100);
            b.Property(r => r.VisitorPhone).HasMaxLength(20);
            b.Property(r => r.VisitorPostalCode).HasMaxLength(8);
            b.Property(r => r.VisitorAddress).HasMaxLength(400);
            b.Property(r => r.VisitorEmail).HasMaxLength(256);
            b.Ignore(r => r.Visitor);
            b.HasOne<Case>().WithOne().HasForeignKey<CounterReception>(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(r => r.ReceivingUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuditEntry>(b =>
        {
            // Append-only by trigger too. The admin search reads newest first by (at, id), narrowed by
            // receipt number, actor or action: one index for each, so no search scans the table.
            b.ToTable("audit_entries");
            b.HasKey(e => e.Id);
            b.Property(e => e.ActorId).HasMaxLength(450);
            b.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength);
            b.Property(e => e.ReceiptNumber).HasMaxLength(16);
            b.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
            b.HasIndex(e => new { e.At, e.Id });
            b.HasIndex(e => new { e.ReceiptNumber, e.At, e.Id });
            b.HasIndex(e => new { e.ActorId, e.At, e.Id });
            b.HasIndex(e => new { e.Action, e.At, e.Id });
        });

        builder.Entity<ApiClient>(b =>
        {
            b.ToTable("api_clients");
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(ApiClient.MaxNameLength);
            b.Property(c => c.SecretHash).HasMaxLength(32);
            b.Property(c => c.CreatedByUserId).HasMaxLength(450);
            b.Ignore(c => c.IsRevoked);
            b.Ignore(c => c.PrincipalId);
            b.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.ApiClientId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(c => c.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<ApiClientUnit>(b =>
        {
            b.ToTable("api_client_units");
            b.HasKey(u => new { u.ApiClientId, u.OrganisationUnitId });
            b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.OrganisationUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<KpiMonth>(b =>
        {
            b.ToTable("kpi_monthly");
            b.HasKey(d => new { d.Month, d.ProcedureId, d.UnitId, d.Channel });
        });

        builder.Entity<KpiProcessingDays>(b =>
        {
            b.ToTable("kpi_processing_days");
            b.HasKey(d => new { d.Grain, d.Month, d.ProcedureId, d.UnitId, d.Channel, d.BusinessDays });
        });

        builder.Entity<KpiFunnelMonth>(b =>
        {
            b.ToTable("kpi_funnel_monthly");
            b.HasKey(d => new { d.Month, d.ProcedureId });
        });

        builder.Entity<KpiRollupState>(b =>
        {
            // One row, there from the start: every refresh locks it first, so two runs never interleave.
            b.ToTable("kpi_rollup_state");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
            b.HasData(new { Id = CityDx.Domain.Statistics.KpiRollupState.SingletonId, Watermark = DateTimeOffset.UnixEpoch, RefreshedAt = (DateTimeOffset?)null });
        });

        builder.Entity<StaffTimeStandard>(b =>
        {
            b.ToTable("staff_time_standards");
            b.HasKey(s => s.ProcedureId);
            b.Property(s => s.UpdatedByUserId).HasMaxLength(450);
            b.Ignore(s => s.SavedMinutesPerOnlineFiling);
            b.HasOne<Procedure>().WithOne().HasForeignKey<StaffTimeStandard>(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseHistoryEntry>(b =>
        {
            b.ToTable("case_history");
            b.HasKey(h => h.Id);
            b.Property(h => h.ActorUserId).HasMaxLength(450);
            b.Property(h => h.ActorRole).HasMaxLength(20);
            b.Property(h => h.Action).HasMaxLength(40);
            b.Property(h => h.FromStatus).HasMaxLength(40);
            b.Property(h => h.ToStatus).HasMaxLength(40);
            b.Property(h => h.Comment).HasMaxLength(4000);
            b.HasIndex(h => new { h.CaseId, h.At });
        });
        AuditChainModel.Apply(builder);
    }
}
