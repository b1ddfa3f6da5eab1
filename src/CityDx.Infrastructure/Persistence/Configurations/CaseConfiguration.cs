using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>A case (申請/案件) and what hangs off it.</summary>
internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
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
        b.Ignore(c => c.FeeUnpaid);
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
    }
}

internal sealed class CaseHistoryEntryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> b)
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
    }
}

internal sealed class AnswerRevisionConfiguration : IEntityTypeConfiguration<AnswerRevision>
{
    public void Configure(EntityTypeBuilder<AnswerRevision> b)
    {
        b.ToTable("answer_revisions");
        b.HasKey(r => r.Id);
        b.Property(r => r.ActorUserId).HasMaxLength(450);
        b.Ignore(r => r.PreviousAnswers);
        b.Ignore(r => r.NewAnswers);
        b.HasIndex(r => new { r.CaseId, r.At });
        b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> b)
    {
        b.ToTable("case_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.AuthorUserId).HasMaxLength(450);
        b.Property(m => m.Body).HasMaxLength(CaseMessage.MaxBodyLength);
        b.Ignore(m => m.VisibleToApplicant);
        b.HasIndex(m => new { m.CaseId, m.At });
        b.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.FieldKey).HasMaxLength(200);
        b.ComplexProperty(a => a.File, FileMetadataMapping.MapFileColumns);
        b.HasIndex(a => a.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.ToTable("issued_documents");
        b.HasKey(d => d.Id);
        b.ComplexProperty(d => d.File, FileMetadataMapping.MapFileColumns);
        b.Property(d => d.IssuedByUserId).HasMaxLength(450);
        b.HasIndex(d => d.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CounterReceptionConfiguration : IEntityTypeConfiguration<CounterReception>
{
    public void Configure(EntityTypeBuilder<CounterReception> b)
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
    }
}
