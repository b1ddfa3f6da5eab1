using System.Text.Json;

namespace CityDx.Domain.Forms;

/// <summary>
/// Reading the exchange format: a token scan for the safety limits (size, depth, string length, duplicate names),
/// then a walk over the parsed document that reports every problem with its JSON path.
/// </summary>
public static partial class FormJson
{
    /// <summary>
    /// One pass over the tokens: syntax, nesting depth, string lengths and duplicate property names in any object
    /// (which JsonDocument and JsonSerializer would silently accept, keeping one of them).
    /// </summary>
    private static string? Scan(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth + 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth + 1 > MaxDepth)
                        {
                            return $"Json.TooDeep: the document is nested more than {MaxDepth} levels deep";
                        }

                        names.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString() ?? "";
                        if (name.Length > MaxStringLength)
                        {
                            return $"Json.StringTooLong: a property name is longer than {MaxStringLength} characters";
                        }

                        if (names.Peek() is { } seen && !seen.Add(name))
                        {
                            return $"Json.DuplicateProperty: the property \"{Shorten(name)}\" appears twice in one object";
                        }

                        break;
                    case JsonTokenType.String:
                        if (reader.GetString() is { Length: > MaxStringLength })
                        {
                            return $"Json.StringTooLong: a text value is longer than {MaxStringLength} characters";
                        }

                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return $"Json.Invalid: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
        }
        catch (InvalidOperationException)
        {
            return "Json.Invalid: not valid JSON (a text value is not valid UTF-8)";
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>Walks the parsed document, collecting every problem (up to a limit) with its JSON path.</summary>
    private sealed class Reader
    {
        private int _fields;

        public List<string> Errors { get; } = [];

        private void Error(string code, string text)
        {
            if (Errors.Count < MaxErrors)
            {
                Errors.Add($"{code}: {text}");
            }
        }

        public List<FormStep>? Root(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("Json.WrongType", "$ must be an object {\"format\":\"citydx-form\",\"version\":1,\"steps\":[…]}");
                return null;
            }

            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                Error("Json.UnknownFormat", $"$.format must be \"{Format}\"");
                return null;
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version)
            {
                Error("Json.UnsupportedVersion", $"$.version must be {Version} (the only version this system reads)");
                return null;
            }

            Unknown(root, "$", RootProperties);
            var steps = Array(root, "$", "steps", required: true, (e, p) => Step(e, p));
            if (_fields > FormDefinition.MaxFields)
            {
                Error("Json.TooManyFields", $"the form has {_fields} fields; at most {FormDefinition.MaxFields} are allowed");
            }

            return steps;
        }

        private FormStep? Step(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Unknown(e, path, StepProperties);
            var key = String(e, path, "key", required: true);
            var titleJa = String(e, path, "titleJa", required: true);
            var titleEn = String(e, path, "titleEn", required: true);
            var showWhen = ConditionAt(e, path);
            var fields = Array(e, path, "fields", required: true, (f, p) => Field(f, p));
            return new FormStep(key ?? "", titleJa ?? "", titleEn ?? "", fields ?? [], showWhen);
        }

        private FormField? Field(JsonElement e, string path)
        {
            _fields++;
            if (!IsObject(e, path))
            {
                return null;
            }

            Unknown(e, path, FieldProperties);
            var typeText = String(e, path, "type", required: true);
            var type = FieldType.ShortText;
            if (typeText is not null && !TryParseName(typeText, out type))
            {
                Error("Json.UnknownFieldType", $"{path}.type \"{Shorten(typeText)}\" is not a known field type");
            }

            return new FormField(
                Key: String(e, path, "key", required: true) ?? "",
                Type: type,
                LabelJa: String(e, path, "labelJa", required: true) ?? "",
                LabelEn: String(e, path, "labelEn", required: true) ?? "",
                Required: Bool(e, path, "required") ?? true,
                MaxLength: Int(e, path, "maxLength"),
                HintJa: String(e, path, "hintJa"),
                HintEn: String(e, path, "hintEn"),
                Options: Array(e, path, "options", required: false, (o, p) => Option(o, p)),
                Min: Decimal(e, path, "min"),
                Max: Decimal(e, path, "max"),
                Wareki: Bool(e, path, "wareki") ?? false,
                ShowWhen: ConditionAt(e, path),
                MinLength: Int(e, path, "minLength"),
                Pattern: String(e, path, "pattern"),
                AllowedFileTypes: Array(e, path, "allowedFileTypes", required: false, (s, p) => StringItem(s, p)),
                MaxFileSizeBytes: Long(e, path, "maxFileSizeBytes"),
                MaxFiles: Int(e, path, "maxFiles"),
                SubFields: Array(e, path, "subFields", required: false, (s, p) => Field(s, p)),
                MinRows: Int(e, path, "minRows"),
                MaxRows: Int(e, path, "maxRows"),
                ContentJa: String(e, path, "contentJa"),
                ContentEn: String(e, path, "contentEn"),
                MinDate: String(e, path, "minDate"),
                MaxDate: String(e, path, "maxDate"),
                AllowedCities: Array(e, path, "allowedCities", required: false, (s, p) => StringItem(s, p)));
        }

        private FieldOption? Option(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            Unknown(e, path, OptionProperties);
            return new FieldOption(String(e, path, "value", required: true) ?? "", String(e, path, "labelJa", required: true) ?? "", String(e, path, "labelEn", required: true) ?? "");
        }

        private Condition? ConditionAt(JsonElement parent, string parentPath)
        {
            if (!parent.TryGetProperty("showWhen", out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var path = parentPath + ".showWhen";
            if (!IsObject(e, path))
            {
                return null;
            }

            Unknown(e, path, ConditionProperties);
            var fieldKey = String(e, path, "fieldKey", required: true);
            var operatorText = String(e, path, "operator", required: true);
            var op = ConditionOperator.Equals;
            if (operatorText is not null && !TryParseName(operatorText, out op))
            {
                Error("Json.UnknownOperator", $"{path}.operator \"{Shorten(operatorText)}\" is not a known operator (equals, notEquals, oneOf, isYes)");
            }

            return new Condition(fieldKey ?? "", op, Array(e, path, "values", required: false, (s, p) => StringItem(s, p)));
        }

        private bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error("Json.WrongType", $"{path} must be an object");
            return false;
        }

        private void Unknown(JsonElement e, string path, string[] known)
        {
            foreach (var property in e.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    Error("Json.UnknownProperty", $"{path} has an unknown property \"{Shorten(property.Name)}\"");
                }
            }
        }

        private bool Present(JsonElement e, string path, string name, bool required, out JsonElement value)
        {
            if (e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            if (required)
            {
                Error("Json.Missing", $"{path}.{name} is required");
            }

            return false;
        }

        private string? String(JsonElement e, string path, string name, bool required = false)
        {
            if (!Present(e, path, name, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error("Json.WrongType", $"{path}.{name} must be a text value");
                return null;
            }

            return value.GetString();
        }

        private string? StringItem(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                Error("Json.WrongType", $"{path} must be a text value");
                return null;
            }

            return e.GetString();
        }

        private bool? Bool(JsonElement e, string path, string name)
        {
            if (!Present(e, path, name, false, out var value))
            {
                return null;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error("Json.WrongType", $"{path}.{name} must be true or false");
                return null;
            }

            return value.GetBoolean();
        }

        private int? Int(JsonElement e, string path, string name)
        {
            if (!Present(e, path, name, false, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result))
            {
                Error("Json.WrongType", $"{path}.{name} must be a whole number");
                return null;
            }

            return result;
        }

        private long? Long(JsonElement e, string path, string name)
        {
            if (!Present(e, path, name, false, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var result))
            {
                Error("Json.WrongType", $"{path}.{name} must be a whole number");
                return null;
            }

            return result;
        }

        private decimal? Decimal(JsonElement e, string path, string name)
        {
            if (!Present(e, path, name, false, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var result))
            {
                Error("Json.WrongType", $"{path}.{name} must be a number");
                return null;
            }

            return result;
        }

        private List<T>? Array<T>(JsonElement e, string path, string name, bool required, Func<JsonElement, string, T?> item)
            where T : class
        {
            if (!Present(e, path, name, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error("Json.WrongType", $"{path}.{name} must be a list");
                return null;
            }

            var result = new List<T>();
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (item(element, $"{path}.{name}[{i++}]") is { } parsed)
                {
                    result.Add(parsed);
                }
            }

            return result;
        }
    }
}
