using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CityDx.Domain.Forms;

/// <summary>
/// The result of <see cref="FormJson.Import"/>: a definition, or (never both) the reasons it was refused.
/// Each error reads "{code}: {English text}", e.g. "Json.WrongType: $.steps[0].fields[1].required must be true or false";
/// the code is everything before the first ": ".
/// </summary>
public sealed record FormImportResult(FormDefinition? Definition, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Definition is not null && Errors.Count == 0;
}

/// <summary>
/// The exchange and storage format of a form definition (docs/form-json-format.md): a versioned JSON document
/// <c>{"format":"citydx-form","version":1,"steps":[…]}</c>, camelCase names, enums as camelCase strings, nulls omitted.
/// The browser evaluates the same <c>showWhen</c> data the server does (<see cref="FormDefinition.IsVisible(FormField, IReadOnlyDictionary{string, string?})"/>).
/// </summary>
public static partial class FormJson
{
    public const string Format = "citydx-form";
    public const int Version = 1;
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 32;
    public const int MaxStringLength = 4000;
    private const int MaxErrors = 50;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Japanese stays readable in exports; the output is data, never embedded in HTML unencoded.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] RootProperties = ["format", "version", "steps"];
    private static readonly string[] StepProperties = ["key", "titleJa", "titleEn", "showWhen", "fields"];
    private static readonly string[] ConditionProperties = ["fieldKey", "operator", "values"];
    private static readonly string[] OptionProperties = ["value", "labelJa", "labelEn"];
    private static readonly string[] FieldProperties =
    [
        "key", "type", "labelJa", "labelEn", "required", "hintJa", "hintEn", "contentJa", "contentEn", "maxLength", "minLength",
        "pattern", "min", "max", "wareki", "options", "allowedFileTypes", "maxFileSizeBytes", "maxFiles", "minRows", "maxRows",
        "subFields", "showWhen", "minDate", "maxDate", "allowedCities",
    ];

    /// <summary>camelCase of an enum member name ("MultipleChoice" → "multipleChoice").</summary>
    private static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Name(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Reads a definition. Never throws: anything wrong (size, syntax, depth, duplicate property names, unknown format or
    /// version, unknown property/type/operator, wrong value type, too many fields, too long strings) gives errors instead.
    /// The result is not checked for publishing; run <see cref="FormChecks.Check"/> for that.
    /// </summary>
    public static FormImportResult Import(string json)
    {
        try
        {
            return ImportCore(json);
        }
        catch (Exception)
        {
            // Belt and braces: every known refusal is reported above with its own code.
            return Fail("Json.Invalid", "the document could not be read");
        }
    }

    private static FormImportResult Fail(string code, string text) => new(null, [$"{code}: {text}"]);

    private static FormImportResult ImportCore(string? json)
    {
        if (json is null)
        {
            return Fail("Json.Invalid", "no document");
        }

        // Cheap test first: a UTF-8 byte count is never below the UTF-16 length / 1 … and at most 3 per char.
        if (json.Length > MaxBytes || Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            return Fail("Json.TooLarge", $"the document is larger than {MaxBytes} bytes");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        if (Scan(bytes) is { } scanError)
        {
            return new FormImportResult(null, [scanError]);
        }

        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth + 1, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var reader = new Reader();
        var steps = reader.Root(document.RootElement);
        if (reader.Errors.Count > 0 || steps is null)
        {
            return new FormImportResult(null, reader.Errors);
        }

        return new FormImportResult(new FormDefinition(steps), []);
    }
}
