using CityDx.Application.Common;
using CityDx.Application.Retention;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityDx.Web.Startup;

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
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(m => m.MaxAttempts is >= 1 and <= 100, "Mail:MaxAttempts must be between 1 and 100.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton<IMailSender>(mail.Mode.Equals("Smtp", StringComparison.OrdinalIgnoreCase)
            ? new SmtpMailSender(mail)
            : new PickupFolderMailSender(Path.GetFullPath(mail.PickupFolder, contentRoot)));
        services.AddScoped<OutboxWriter>();
        services.AddScoped<Notifications>();
        services.AddScoped<CityDx.Application.Account.AccountMails>();
        services.AddScoped<OutboxDelivery>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptions.Validator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value);
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<CityDx.Application.Retention.ApplyRetention.Run>();

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
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
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Quartz:CheckinSeconds", 10)));
                });
            }

            q.AddJob<DeliverOutboxJob>(j => j.WithIdentity(DeliverOutboxJob.Key));
            q.AddTrigger(t => t.ForJob(DeliverOutboxJob.Key)
                .WithIdentity("deliver-outbox-every", "mail")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, mail.DeliverEverySeconds))).RepeatForever()));

            // SLA escalation: hourly is enough for a rule counted in business days.
            var escalateEveryMinutes = configuration.GetValue("Queue:EscalateEveryMinutes", 60);
            // Retention: nightly at 02:30 JST, outside office hours.
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
            q.AddTrigger(t => t.ForJob(RetentionJob.Key)
                .WithIdentity("retention-nightly", "privacy")
                .WithCronSchedule(configuration.GetValue("Retention:Cron", "0 30 2 * * ?")!, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))));

            q.AddJob<EscalateOverdueCasesJob>(j => j.WithIdentity(EscalateOverdueCasesJob.Key));
            q.AddTrigger(t => t.ForJob(EscalateOverdueCasesJob.Key)
                .WithIdentity("escalate-overdue-every", "sla")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, escalateEveryMinutes))).RepeatForever()));

            // KPI roll-ups: the days touched since the last run (the dashboard shows when it ran).
            var refreshEveryMinutes = configuration.GetValue("Statistics:RefreshEveryMinutes", 10);
            q.AddJob<RefreshKpiRollupsJob>(j => j.WithIdentity(RefreshKpiRollupsJob.Key));
            q.AddTrigger(t => t.ForJob(RefreshKpiRollupsJob.Key)
                .WithIdentity("refresh-kpi-rollups-every", "statistics")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(20))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, refreshEveryMinutes))).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
