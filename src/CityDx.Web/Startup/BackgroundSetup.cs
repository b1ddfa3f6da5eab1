using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Retention;
using CityDx.Application.Statistics;
using CityDx.Infrastructure.Configuration;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityDx.Web.Startup;

/// <summary>Configuration section "Quartz": the clustered job store on PostgreSQL.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Quartz";

    /// <summary>Seconds between a node's check-ins; a node silent for longer is taken as gone and its jobs recovered.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 300, ErrorMessage = "Quartz:CheckinSeconds must be between {1} and {2}.")]
    public int CheckinSeconds { get; set; } = 10;
}

public static class BackgroundSetup
{
    /// <summary>
    /// Mail (outbox, MailKit SMTP or a pickup folder) and scheduled work on Quartz.NET. On PostgreSQL
    /// the job store is Quartz's clustered store in the case store's database (schema <c>quartz</c>,
    /// created by the migrations), so with several web nodes each job fires once across them; on
    /// SQLite (one node by nature) it stays in memory.
    /// </summary>
    public static IServiceCollection AddCityDxBackgroundWork(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var mail = services.AddSettings<MailOptions>(configuration, MailOptions.Section);
        services.AddSingleton<IMailSender>(sp =>
        {
            var options = sp.GetRequiredService<MailOptions>();
            return options.Mode.Equals("Smtp", StringComparison.OrdinalIgnoreCase)
                ? new SmtpMailSender(options)
                : new PickupFolderMailSender(Path.GetFullPath(options.PickupFolder, contentRoot));
        });
        services.AddScoped<OutboxWriter>();
        services.AddScoped<Notifications>();
        services.AddScoped<CityDx.Application.Account.AccountMails>();
        services.AddScoped<OutboxDelivery>();
        var retention = services.AddSettings<RetentionOptions>(configuration, RetentionOptions.Section,
            o => CronExpression.TryParse(o.Cron, out _), "Retention:Cron must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 30 2 * * ?\".");
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<ApplyRetention.Run>();

        var database = configuration.ReadSettings<DatabaseOptions>(DatabaseOptions.Section); // registered by AddCityDxDatabase
        var scheduler = services.AddSettings<SchedulerOptions>(configuration, SchedulerOptions.Section);
        // Registered and checked by ApplicationSetup and StatisticsSetup; read here for the schedules.
        var queue = configuration.ReadSettings<QueueOptions>(QueueOptions.Section);
        var statistics = configuration.ReadSettings<StatisticsOptions>(StatisticsOptions.Section);
        services.AddQuartz(q =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                var connectionString = database.ConnectionString ?? configuration.GetConnectionString("CityDx")
                    ?? throw new InvalidOperationException("Database:Provider is Postgres but no connection string is set.");
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    // The tables come from the EF migrations (QuartzSchema); the store only checks them at start-up.
                    store.ConfigureStore(o => o.TablePrefix = QuartzSchema.TablePrefix);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(scheduler.CheckinSeconds));
                });
            }

            q.AddJob<DeliverOutboxJob>(j => j.WithIdentity(DeliverOutboxJob.Key));
            q.AddTrigger(t => t.ForJob(DeliverOutboxJob.Key)
                .WithIdentity("deliver-outbox-every", "mail")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, mail.DeliverEverySeconds))).RepeatForever()));

            // Retention: nightly at 02:30 JST, outside office hours.
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
            // (A bad Retention:Cron stops the start with its message, so the default here is never scheduled.)
            var retentionCron = CronExpression.TryParse(retention.Cron, out _) ? retention.Cron : new RetentionOptions().Cron;
            q.AddTrigger(t => t.ForJob(RetentionJob.Key)
                .WithIdentity("retention-nightly", "privacy")
                .WithCronSchedule(retentionCron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))));

            q.AddJob<EscalateOverdueCasesJob>(j => j.WithIdentity(EscalateOverdueCasesJob.Key));
            q.AddTrigger(t => t.ForJob(EscalateOverdueCasesJob.Key)
                .WithIdentity("escalate-overdue-every", "sla")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, queue.EscalateEveryMinutes))).RepeatForever()));

            // KPI roll-ups: the days touched since the last run (the dashboard shows when it ran).
            q.AddJob<RefreshKpiRollupsJob>(j => j.WithIdentity(RefreshKpiRollupsJob.Key));
            q.AddTrigger(t => t.ForJob(RefreshKpiRollupsJob.Key)
                .WithIdentity("refresh-kpi-rollups-every", "statistics")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(20))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, statistics.RefreshEveryMinutes))).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
