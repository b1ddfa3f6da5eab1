using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

public sealed class FormChecksTests
{
    private static readonly FieldOption[] YesNoish = [new("a", "甲", "A"), new("b", "乙", "B")];

    private static FormField Text(string key, Condition? when = null) => new(key, FieldType.ShortText, key + "の質問", key + " question", ShowWhen: when);

    private static IReadOnlyList<FormProblem> Check(params FormField[] fields) => FormChecks.Check(new FormDefinition(fields));

    private static FormProblem Only(IReadOnlyList<FormProblem> problems, string code)
    {
        Assert.Contains(problems, p => p.Code == code);
        return Assert.Single(problems, p => p.Code == code);
    }

    [Fact]
    public void A_sound_form_has_no_problems()
    {
        var form = new FormDefinition(
        [
            new FormStep("applicant", "申請者", "Applicant",
            [
                new("has_dog", FieldType.YesNo, "犬を飼っていますか", "Do you have a dog?"),
                new("kind", FieldType.SingleChoice, "種別", "Kind", Options: YesNoish, ShowWhen: new("has_dog", ConditionOperator.IsYes)),
                new("note", FieldType.ShortText, "備考", "Note", ShowWhen: new("kind", ConditionOperator.OneOf, ["a", "b"]), Pattern: "[a-z]+", MinLength: 1, MaxLength: 10),
            ]),
            new FormStep("docs", "書類", "Documents",
            [
                new("id_doc", FieldType.FileUpload, "本人確認書類", "ID", AllowedFileTypes: ["pdf"], MaxFiles: 2, MaxFileSizeBytes: 1000),
                new("pets", FieldType.RepeatingGroup, "ペット", "Pets", MinRows: 1, MaxRows: 3, SubFields: [Text("name")]),
                new("about", FieldType.Information, "", "", ContentJa: "注意", ContentEn: "Note"),
                new("oath", FieldType.Declaration, "誓約", "Declaration"),
            ], ShowWhen: new("has_dog", ConditionOperator.IsYes)),
        ]);
        Assert.Empty(FormChecks.Check(form));
    }

    [Fact]
    public void The_single_step_of_the_old_constructor_needs_no_title() => Assert.Empty(Check(Text("a")));

    [Fact]
    public void No_steps_or_no_fields_is_empty()
    {
        Assert.Equal("Publish.Empty", Assert.Single(FormChecks.Check(new FormDefinition(Array.Empty<FormStep>()))).Code);
        Assert.Equal("Publish.Empty", Assert.Single(FormChecks.Check(new FormDefinition(Array.Empty<FormField>()))).Code);
        var emptyStep = FormChecks.Check(new FormDefinition([new FormStep("one", "一", "One", [Text("a")]), new FormStep("two", "二", "Two", [])]));
        Assert.Equal("two", Only(emptyStep, "Publish.Empty").StepKey);
    }

    [Fact]
    public void A_rule_on_a_missing_field_is_reported_with_words_an_admin_understands()
    {
        var problems = Check(new FormField("dog_name", FieldType.ShortText, "犬の名前", "Dog's name", ShowWhen: new("colour", ConditionOperator.Equals, ["red"])));
        var problem = Only(problems, "Publish.RuleMissingField");
        Assert.Equal(("main", "dog_name", "colour"), (problem.StepKey, problem.FieldKey, problem.Arg("target")));
        Assert.Equal("質問『犬の名前』(dog_name) の表示条件が、存在しない質問 colour を参照しています", FormProblemMessages.Ja(problem));
        Assert.Equal("Question \"Dog's name\" (dog_name): the display condition refers to a question that does not exist: colour", FormProblemMessages.En(problem));
    }

    [Fact]
    public void A_rule_on_a_later_field_or_itself_is_reported()
    {
        var later = Check(Text("a", new("b", ConditionOperator.Equals, ["x"])), Text("b"));
        Assert.Equal("a", Only(later, "Publish.RuleLaterField").FieldKey);
        Assert.Contains("後にある質問", FormProblemMessages.Ja(Only(later, "Publish.RuleLaterField")), StringComparison.Ordinal);

        var self = Check(Text("a", new("a", ConditionOperator.Equals, ["x"])));
        Assert.Equal("a", Only(self, "Publish.RuleLaterField").FieldKey);
        Assert.Contains("自分自身", FormProblemMessages.Ja(Only(self, "Publish.RuleLaterField")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_rule_may_only_use_earlier_steps()
    {
        var form = new FormDefinition(
        [
            new FormStep("one", "一", "One", [Text("a")]),
            new FormStep("two", "二", "Two", [Text("b")], ShowWhen: new("b", ConditionOperator.Equals, ["x"])),
        ]);
        var problems = FormChecks.Check(form);
        var later = Only(problems, "Publish.RuleLaterField");
        Assert.Equal(("two", (string?)null), (later.StepKey, later.FieldKey));
        // step two → b → step two is a cycle as well
        Assert.Contains(problems, p => p.Code == "Publish.RuleCycle" && p.Arg("path") == "step:two → b → step:two");
    }

    [Fact]
    public void A_cycle_between_rules_is_detected()
    {
        var problems = Check(
            Text("a", new("c", ConditionOperator.Equals, ["x"])),
            Text("b", new("a", ConditionOperator.Equals, ["x"])),
            Text("c", new("b", ConditionOperator.Equals, ["x"])));
        var cycle = Only(problems, "Publish.RuleCycle");
        Assert.Equal("a → c → b → a", cycle.Arg("path"));
        Assert.Contains("循環", FormProblemMessages.Ja(cycle), StringComparison.Ordinal);
        Assert.Contains("loop", FormProblemMessages.En(cycle), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_without_a_loop_is_no_cycle()
    {
        var problems = Check(Text("a"), Text("b", new("a", ConditionOperator.Equals, ["x"])), Text("c", new("b", ConditionOperator.Equals, ["x"])));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(FieldType.SingleChoice)]
    [InlineData(FieldType.MultipleChoice)]
    public void A_choice_field_needs_options(FieldType type)
    {
        Assert.Equal("k", Only(Check(new FormField("k", type, "種別", "Kind")), "Publish.NoOptions").FieldKey);
        Assert.Empty(Check(new FormField("k", type, "種別", "Kind", Options: YesNoish)));
    }

    [Fact]
    public void Duplicate_keys_of_fields_steps_and_sub_fields_are_reported()
    {
        Assert.Equal("a", Only(Check(Text("a"), Text("a")), "Publish.DuplicateKey").FieldKey);

        var steps = FormChecks.Check(new FormDefinition([new FormStep("s", "一", "One", [Text("a")]), new FormStep("s", "二", "Two", [Text("b")])]));
        var step = Only(steps, "Publish.DuplicateKey");
        Assert.Equal(("s", (string?)null), (step.StepKey, step.FieldKey));

        var group = Check(new FormField("pets", FieldType.RepeatingGroup, "ペット", "Pets", SubFields: [Text("name"), Text("name")]));
        Assert.Equal("pets[].name", Only(group, "Publish.DuplicateKey").FieldKey);

        var options = Check(new FormField("k", FieldType.SingleChoice, "種別", "Kind", Options: [new("a", "甲", "A"), new("a", "乙", "B")]));
        Assert.Equal("a", Only(options, "Publish.DuplicateOption").Arg("option"));
    }

    [Fact]
    public void A_required_file_field_needs_allowed_types()
    {
        Assert.Equal("f", Only(Check(new FormField("f", FieldType.FileUpload, "添付", "File")), "Publish.FileTypesMissing").FieldKey);
        Assert.Empty(Check(new FormField("f", FieldType.FileUpload, "添付", "File", Required: false)));
        Assert.Empty(Check(new FormField("f", FieldType.FileUpload, "添付", "File", AllowedFileTypes: ["pdf"])));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("dog_name2", true)]
    [InlineData("Dog", false)]
    [InlineData("1dog", false)]
    [InlineData("_dog", false)]
    [InlineData("dog-name", false)]
    [InlineData("dog.name", false)]
    [InlineData("dog\n", false)]
    [InlineData("", false)]
    [InlineData("犬", false)]
    public void Keys_must_be_lower_case_ascii(string key, bool valid)
    {
        var problems = Check(Text(key));
        Assert.Equal(valid, problems.All(p => p.Code != "Publish.InvalidKey"));
        Assert.Equal(valid, FormChecks.IsValidKey(key));
    }

    [Fact]
    public void Keys_may_be_64_characters_but_not_65()
    {
        Assert.True(FormChecks.IsValidKey("a" + new string('b', 63)));
        Assert.False(FormChecks.IsValidKey("a" + new string('b', 64)));
        var step = FormChecks.Check(new FormDefinition([new FormStep("Bad Step", "", "", [Text("a")])]));
        Assert.Equal("Bad Step", Only(step, "Publish.InvalidKey").StepKey);
    }

    [Fact]
    public void A_pattern_that_does_not_compile_is_reported()
    {
        var problem = Only(Check(new FormField("k", FieldType.ShortText, "K", "K", Pattern: "([a-z]")), "Publish.BadPattern");
        Assert.Equal("([a-z]", problem.Arg("pattern"));
        // Balanced only after the anchoring wrapper would be added: still refused.
        Assert.NotNull(FormChecks.PatternError("a)|(b"));
        Assert.Null(FormChecks.PatternError("[0-9]{3}"));
    }

    [Theory]
    [InlineData(5, 1, null, null, null, null, "value")]
    [InlineData(null, null, 5, 3, null, null, "length")]
    [InlineData(null, null, null, null, 4, 2, "rows")]
    public void Bad_ranges_are_reported(int? min, int? max, int? minLength, int? maxLength, int? minRows, int? maxRows, string what)
    {
        var field = new FormField("k", minRows is null ? FieldType.Number : FieldType.RepeatingGroup, "K", "K",
            Min: min, Max: max, MinLength: minLength, MaxLength: maxLength, MinRows: minRows, MaxRows: maxRows, SubFields: minRows is null ? null : [Text("x")]);
        Assert.Equal(what, Only(Check(field), "Publish.BadRange").Arg("what"));
    }

    [Fact]
    public void Negative_or_zero_limits_are_bad_ranges()
    {
        Assert.Equal("files", Only(Check(new FormField("f", FieldType.FileUpload, "F", "F", AllowedFileTypes: ["pdf"], MaxFiles: 0)), "Publish.BadRange").Arg("what"));
        Assert.Equal("selections", Only(Check(new FormField("m", FieldType.MultipleChoice, "M", "M", Options: YesNoish, Min: -1)), "Publish.BadRange").Arg("what"));
        Assert.Empty(Check(new FormField("n", FieldType.Number, "N", "N", Min: -5, Max: 5)));
    }

    [Theory]
    [InlineData(ConditionOperator.Equals)]
    [InlineData(ConditionOperator.NotEquals)]
    [InlineData(ConditionOperator.OneOf)]
    public void Operators_that_compare_need_values(ConditionOperator op)
    {
        Assert.Equal("b", Only(Check(Text("a"), Text("b", new("a", op))), "Publish.RuleNoValues").FieldKey);
        Assert.Equal("b", Only(Check(Text("a"), Text("b", new("a", op, []))), "Publish.RuleNoValues").FieldKey);
    }

    [Fact]
    public void Is_yes_needs_a_yes_no_or_declaration_field()
    {
        Assert.Equal("b", Only(Check(Text("a"), Text("b", new("a", ConditionOperator.IsYes))), "Publish.RuleNotYesNo").FieldKey);
        Assert.Empty(Check(new FormField("a", FieldType.Declaration, "同意", "Agree"), Text("b", new("a", ConditionOperator.IsYes))));
        Assert.Empty(Check(new FormField("a", FieldType.YesNo, "はい", "Yes"), Text("b", new("a", ConditionOperator.IsYes))));
    }

    [Fact]
    public void A_rule_value_that_is_not_an_option_is_reported()
    {
        var problems = Check(new FormField("k", FieldType.SingleChoice, "種別", "Kind", Options: YesNoish), Text("b", new("k", ConditionOperator.OneOf, ["a", "z"])));
        Assert.Equal("z", Only(problems, "Publish.RuleUnknownValue").Arg("value"));
    }

    [Fact]
    public void Rules_on_information_or_groups_and_rules_inside_groups_are_reported()
    {
        var info = Check(new FormField("i", FieldType.Information, "", "", ContentJa: "注", ContentEn: "Note"), Text("b", new("i", ConditionOperator.Equals, ["x"])));
        Assert.Equal("b", Only(info, "Publish.RuleBadTarget").FieldKey);

        var inGroup = Check(Text("a"), new FormField("g", FieldType.RepeatingGroup, "G", "G", SubFields: [Text("x", new("a", ConditionOperator.Equals, ["y"]))]));
        Assert.Equal("g[].x", Only(inGroup, "Publish.RuleInGroup").FieldKey);

        var nested = Check(new FormField("g", FieldType.RepeatingGroup, "G", "G", SubFields: [new("h", FieldType.RepeatingGroup, "H", "H", SubFields: [Text("x")])]));
        Assert.Equal("g[].h", Only(nested, "Publish.NestedGroup").FieldKey);

        Assert.Equal("g", Only(Check(new FormField("g", FieldType.RepeatingGroup, "G", "G")), "Publish.GroupEmpty").FieldKey);
    }

    [Fact]
    public void Missing_labels_are_reported_per_language()
    {
        var problems = Check(new FormField("a", FieldType.ShortText, "", " "));
        Assert.Equal(["ja", "en"], problems.Where(p => p.Code == "Publish.LabelMissing").Select(p => p.Arg("language")));
        Assert.Contains("日本語", FormProblemMessages.Ja(problems[0]), StringComparison.Ordinal);
        Assert.Contains("English", FormProblemMessages.En(problems[1]), StringComparison.Ordinal);

        var info = Check(new FormField("i", FieldType.Information, "", "", ContentJa: "注"));
        Assert.Equal("content", Only(info, "Publish.LabelMissing").Arg("part"));

        var steps = FormChecks.Check(new FormDefinition([new FormStep("one", "一", "", [Text("a")]), new FormStep("two", "二", "Two", [Text("b")])]));
        var step = Only(steps, "Publish.LabelMissing");
        Assert.Equal(("one", "en"), (step.StepKey, step.Arg("language")));
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        var problems = Check(
            new FormField("Bad", FieldType.SingleChoice, "", "Kind"),
            Text("b", new("nowhere", ConditionOperator.Equals)),
            new FormField("f", FieldType.FileUpload, "F", "F", Pattern: "("));
        Assert.Equal(
            ["Publish.BadPattern", "Publish.FileTypesMissing", "Publish.InvalidKey", "Publish.LabelMissing", "Publish.NoOptions", "Publish.RuleMissingField", "Publish.RuleNoValues"],
            problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Too_many_fields_is_reported()
    {
        var fields = Enumerable.Range(0, FormDefinition.MaxFields + 1).Select(i => Text($"f{i}")).ToArray();
        Assert.Equal("501", Only(Check(fields), "Publish.TooManyFields").Arg("count"));
    }

    [Fact]
    public void Every_code_has_words_in_both_languages()
    {
        var codes = new[]
        {
            "Publish.Empty", "Publish.TooManyFields", "Publish.InvalidKey", "Publish.DuplicateKey", "Publish.DuplicateOption", "Publish.BadOptionValue",
            "Publish.LabelMissing", "Publish.NoOptions", "Publish.BadPattern", "Publish.BadRange", "Publish.FileTypesMissing", "Publish.GroupEmpty",
            "Publish.NestedGroup", "Publish.RuleInGroup", "Publish.RuleMissingField", "Publish.RuleLaterField", "Publish.RuleCycle", "Publish.RuleNoValues",
            "Publish.RuleNotYesNo", "Publish.RuleBadTarget", "Publish.RuleUnknownValue",
        };
        foreach (var code in codes)
        {
            var problem = new FormProblem(code, "main", "k", new Dictionary<string, string> { ["label"] = "ラベル", ["labelEn"] = "Label" });
            Assert.DoesNotContain("Publish.", FormProblemMessages.Ja(problem), StringComparison.Ordinal);
            Assert.DoesNotContain("Publish.", FormProblemMessages.En(problem), StringComparison.Ordinal);
        }
    }
}
