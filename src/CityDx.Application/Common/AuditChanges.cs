using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityDx.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CityDx.Application.Common;

/// <summary>
/// What an admin change did to the database, before → after, as compact JSON for the audit entry
/// (<see cref="AuditEntry.Changes"/>): one item per changed row, its table, key and operation ("+"
/// added, "~" changed, "-" deleted) and the changed columns as [before, after]. A column holding
/// JSON (a workflow, a form) is compared leaf by leaf, so only the changed paths appear
/// ("WorkflowJson $.states[3].terminal": [false, true]). Secrets (hashes, tokens) show "***".
/// Only configuration requests record changes (<see cref="IAuditedChange"/>,
/// <see cref="AuditedAttribute.RecordsChanges"/>): personal data never gets here.
/// </summary>
public sealed class AuditChanges
{
    private static readonly string[] SecretNames = ["Secret", "Hash", "Password", "Token"];
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonArray _rows = [];

    /// <summary>Records the pending changes (call before they are saved).</summary>
    public void Capture(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var columns = new JsonObject();
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsPrimaryKey() || entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                var before = entry.State == EntityState.Added ? null : property.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                if (Equals(before, after))
                {
                    continue;
                }

                var name = property.Metadata.Name;
                if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    columns[name] = new JsonArray(before is null ? null : "***", after is null ? null : "***");
                }
                else if (AsJson(before as string) is var b && AsJson(after as string) is var a && (b is not null || a is not null))
                {
                    foreach (var (path, pair) in DiffLeaves(b, a))
                    {
                        columns[$"{name} {path}"] = pair;
                    }
                }
                else
                {
                    columns[name] = new JsonArray(Scalar(before), Scalar(after));
                }
            }

            var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture));
            _rows.Add(new JsonObject
            {
                ["t"] = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name,
                ["k"] = key is null ? null : string.Join(",", key),
                ["op"] = entry.State switch { EntityState.Added => "+", EntityState.Deleted => "-", _ => "~" },
                ["c"] = columns,
            });
        }
    }

    /// <summary>The recorded changes, or null when nothing changed; cut at <see cref="AuditEntry.MaxChangesLength"/>.</summary>
    public string? ToJson()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var json = _rows.ToJsonString(Compact);
        return json.Length <= AuditEntry.MaxChangesLength ? json : json[..(AuditEntry.MaxChangesLength - 1)] + "…";
    }

    private static JsonNode? AsJson(string? text)
    {
        if (text is not { Length: > 1 } || text[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Path, JsonArray Pair)> DiffLeaves(JsonNode? before, JsonNode? after)
    {
        var b = new Dictionary<string, string?>(StringComparer.Ordinal);
        var a = new Dictionary<string, string?>(StringComparer.Ordinal);
        Flatten(before, "$", b);
        Flatten(after, "$", a);
        foreach (var path in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            var was = b.GetValueOrDefault(path);
            var now = a.GetValueOrDefault(path);
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                yield return (path, new JsonArray(was is null ? null : JsonNode.Parse(was), now is null ? null : JsonNode.Parse(now)));
            }
        }
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string?> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Flatten(child, $"{path}.{name}", leaves);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}[{i}]", leaves);
                }

                break;
            default:
                leaves[path] = node?.ToJsonString();
                break;
        }
    }

    private static JsonNode? Scalar(object? value) => value switch
    {
        null => null,
        bool v => JsonValue.Create(v),
        int v => JsonValue.Create(v),
        long v => JsonValue.Create(v),
        decimal v => JsonValue.Create(v),
        DateTimeOffset v => JsonValue.Create(v.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly v => JsonValue.Create(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Enum v => JsonValue.Create(v.ToString()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
