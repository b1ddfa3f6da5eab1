using System.Text;
using System.Text.Json;

namespace CityDx.Domain.Forms;

/// <summary>Writing the exchange format: every property in a fixed order, optional ones only when set.</summary>
public static partial class FormJson
{
    public static string Export(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteStartArray("steps");
            foreach (var step in definition.Steps)
            {
                w.WriteStartObject();
                w.WriteString("key", step.Key);
                w.WriteString("titleJa", step.TitleJa);
                w.WriteString("titleEn", step.TitleEn);
                WriteCondition(w, step.ShowWhen);
                w.WriteStartArray("fields");
                foreach (var field in step.Fields ?? [])
                {
                    WriteField(w, field);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteField(Utf8JsonWriter w, FormField f)
    {
        w.WriteStartObject();
        w.WriteString("key", f.Key);
        w.WriteString("type", Name(f.Type));
        w.WriteString("labelJa", f.LabelJa);
        w.WriteString("labelEn", f.LabelEn);
        w.WriteBoolean("required", f.Required);
        WriteOptional(w, "hintJa", f.HintJa);
        WriteOptional(w, "hintEn", f.HintEn);
        WriteOptional(w, "contentJa", f.ContentJa);
        WriteOptional(w, "contentEn", f.ContentEn);
        WriteOptional(w, "maxLength", f.MaxLength);
        WriteOptional(w, "minLength", f.MinLength);
        WriteOptional(w, "pattern", f.Pattern);
        if (f.Min is { } min)
        {
            w.WriteNumber("min", min);
        }

        if (f.Max is { } max)
        {
            w.WriteNumber("max", max);
        }

        if (f.Wareki)
        {
            w.WriteBoolean("wareki", true);
        }

        if (f.Options is not null)
        {
            w.WriteStartArray("options");
            foreach (var o in f.Options)
            {
                w.WriteStartObject();
                w.WriteString("value", o.Value);
                w.WriteString("labelJa", o.LabelJa);
                w.WriteString("labelEn", o.LabelEn);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        WriteStrings(w, "allowedFileTypes", f.AllowedFileTypes);
        if (f.MaxFileSizeBytes is { } size)
        {
            w.WriteNumber("maxFileSizeBytes", size);
        }

        WriteOptional(w, "maxFiles", f.MaxFiles);
        WriteOptional(w, "minRows", f.MinRows);
        WriteOptional(w, "maxRows", f.MaxRows);
        if (f.SubFields is not null)
        {
            w.WriteStartArray("subFields");
            foreach (var sub in f.SubFields)
            {
                WriteField(w, sub);
            }

            w.WriteEndArray();
        }

        WriteOptional(w, "minDate", f.MinDate);
        WriteOptional(w, "maxDate", f.MaxDate);
        WriteStrings(w, "allowedCities", f.AllowedCities);
        WriteCondition(w, f.ShowWhen);
        w.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter w, Condition? c)
    {
        if (c is null)
        {
            return;
        }

        w.WriteStartObject("showWhen");
        w.WriteString("fieldKey", c.FieldKey);
        w.WriteString("operator", Name(c.Operator));
        WriteStrings(w, "values", c.Values);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
