using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// Scale-out: two web nodes on one PostgreSQL database, as behind a load balancer. A person signed in
/// on one node is signed in on the other (Data Protection keys in the database), and a scheduled job
/// fires once across both (Quartz's clustered job store), not once per node.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private static readonly JobKey ProbeJob = new("two-node-probe", "tests");
    private static readonly TriggerKey ProbeTrigger = new("two-node-probe-every-second", "tests");
    private const int ProbeFires = 4;

    private string _connectionString = "";
    private Node[] _nodes = [];

    private Node _a => _nodes[0];

    private Node _b => _nodes[1];

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        // One after the other, as a rolling start would: the first migrates and seeds, the second finds it done.
        _nodes = [new Node(_connectionString), new Node(_connectionString)];
        foreach (var node in _nodes)
        {
            _ = node.Services;
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE two_node_probe_runs (scheduled_at timestamptz NOT NULL, node text NOT NULL)", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task A_sign_in_on_one_node_is_accepted_by_the_other_including_its_forms()
    {
        var cookies = new CookieContainer();
        var onA = new PortalClient(_a.CreateDefaultClient(new CookieContainerHandler(cookies)));
        var onB = new PortalClient(_b.CreateDefaultClient(new CookieContainerHandler(cookies)));

        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync(Demo.Citizen, PortalClient.DemoPassword)).StatusCode);

        // The authentication cookie node A issued opens the citizen's page on node B (not a redirect to sign in).
        var mine = await onB.GetPageAsync("/my/applications");
        Assert.NotNull(mine.QuerySelector("form.inline-form[method=post]"));

        // A form rendered by node A (its antiforgery token) is accepted when it is posted to node B.
        var page = await onA.GetPageAsync("/my/applications");
        var signOut = page.QuerySelector<IHtmlFormElement>("form.inline-form[method=post]")!;
        var response = await onB.SubmitAsync(signOut, [], "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.Http.GetAsync("/my/applications")).StatusCode);
    }

    [Fact]
    public async Task A_job_scheduled_on_both_nodes_fires_once_per_scheduled_time_across_them()
    {
        // Both nodes know the job, and both schedule the same trigger as each does at start-up. Whichever
        // node runs the last fire says so through its trigger listener.
        var lastFire = new LastFireListener(ProbeTrigger);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(1);
        foreach (var node in _nodes)
        {
            var scheduler = await node.SchedulerAsync();
            scheduler.ListenerManager.AddTriggerListener(lastFire, [Matchers.AllTriggers()]);
            var trigger = TriggerBuilder.Create().WithIdentity(ProbeTrigger).ForJob(ProbeJob).StartAt(startAt)
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(ProbeFires - 1)).Build();
            try
            {
                await scheduler.ScheduleJob(trigger);
            }
            catch (ObjectAlreadyExistsException)
            {
                // The other node stored it first: in a cluster there is one trigger, whoever adds it.
            }
        }

        // Wait for the condition, not a clock: the last scheduled fire has run on one of the nodes.
        await lastFire.Completed.WaitAsync(TimeSpan.FromSeconds(60));

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*), count(DISTINCT scheduled_at) FROM two_node_probe_runs", connection);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((ProbeFires, ProbeFires), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    /// <summary>Completes when the trigger's last fire (no next fire time) has finished, on whichever node ran it.</summary>
    private sealed class LastFireListener(TriggerKey key) : ITriggerListener
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completed => _completed.Task;

        public string Name => "last-fire-" + key;

        public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default)
        {
            if (trigger.Key.Equals(key) && !trigger.MayFireAgain)
            {
                _completed.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One web node on the shared database; it does not drop the database when it stops.</summary>
    private sealed class Node : CityDxFactory
    {
        public Node(string connectionString) => ConnectionString = connectionString;

        public async Task<IScheduler> SchedulerAsync() => await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddQuartz(q =>
                q.AddJob<ProbeJobRecorder>(j => j.WithIdentity(ProbeJob).StoreDurably())));
        }

        protected override bool OwnsDatabase => false;
    }

    /// <summary>Records each fire: the time it was scheduled for and the node that ran it.</summary>
    private sealed class ProbeJobRecorder(IConfiguration configuration) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(configuration["Database:ConnectionString"]);
            await connection.OpenAsync(cancellationToken);
            await using var insert = new NpgsqlCommand("INSERT INTO two_node_probe_runs VALUES (@at, @node)", connection);
            insert.Parameters.AddWithValue("at", context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
            insert.Parameters.AddWithValue("node", context.Scheduler.SchedulerInstanceId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
