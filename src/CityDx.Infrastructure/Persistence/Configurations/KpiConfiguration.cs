using CityDx.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>KPI roll-ups (ADR 0013).</summary>
internal sealed class KpiMonthConfiguration : IEntityTypeConfiguration<KpiMonth>
{
    public void Configure(EntityTypeBuilder<KpiMonth> b)
    {
        b.ToTable("kpi_monthly");
        b.HasKey(d => new { d.Month, d.ProcedureId, d.UnitId, d.Channel });
    }
}

internal sealed class KpiProcessingDaysConfiguration : IEntityTypeConfiguration<KpiProcessingDays>
{
    public void Configure(EntityTypeBuilder<KpiProcessingDays> b)
    {
        b.ToTable("kpi_processing_days");
        b.HasKey(d => new { d.Grain, d.Month, d.ProcedureId, d.UnitId, d.Channel, d.BusinessDays });
    }
}

internal sealed class KpiFunnelMonthConfiguration : IEntityTypeConfiguration<KpiFunnelMonth>
{
    public void Configure(EntityTypeBuilder<KpiFunnelMonth> b)
    {
        b.ToTable("kpi_funnel_monthly");
        b.HasKey(d => new { d.Month, d.ProcedureId });
    }
}

internal sealed class KpiRollupStateConfiguration : IEntityTypeConfiguration<KpiRollupState>
{
    public void Configure(EntityTypeBuilder<KpiRollupState> b)
    {
        // One row, there from the start: every refresh locks it first, so two runs never interleave.
        b.ToTable("kpi_rollup_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new { Id = CityDx.Domain.Statistics.KpiRollupState.SingletonId, Watermark = DateTimeOffset.UnixEpoch, RefreshedAt = (DateTimeOffset?)null });
    }
}
