using CityDx.Domain.Forms;

namespace CityDx.UnitTests.Forms;

public sealed class FormStepsAndRulesTests
{
    private static readonly FieldOption[] Colours = [new("red", "赤", "Red"), new("blue", "青", "Blue"), new("green", "緑", "Green")];

    private static FormDefinition Dogs() => new(
    [
        new FormStep("owner", "飼い主", "Owner",
        [
            new("has_dog", FieldType.YesNo, "犬を飼っていますか", "Do you have a dog?"),
            new("dog_name", FieldType.ShortText, "犬の名前", "Dog's name", ShowWhen: new("has_dog", ConditionOperator.IsYes)),
            new("colours", FieldType.MultipleChoice, "毛の色", "Colours", Required: false, Options: Colours, ShowWhen: new("has_dog", ConditionOperator.IsYes)),
            new("red_note", FieldType.ShortText, "赤の説明", "Red note", ShowWhen: new("colours", ConditionOperator.Equals, ["red"])),
        ]),
        new FormStep("dog", "犬", "Dog",
        [
            new("breed", FieldType.ShortText, "犬種", "Breed"),
        ], ShowWhen: new("has_dog", ConditionOperator.IsYes)),
    ]);

    private static Dictionary<string, string?> A(params (string Key, string? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Old_constructor_makes_one_step_named_main_with_empty_titles()
    {
        var fields = new FormField[] { new("a", FieldType.ShortText, "A", "A"), new("b", FieldType.ShortText, "B", "B") };
        var form = new FormDefinition(fields);
        var step = Assert.Single(form.Steps);
        Assert.Equal(FormDefinition.SingleStepKey, step.Key);
        Assert.Equal("main", step.Key);
        Assert.Equal("", step.Title(false));
        Assert.Equal("", step.Title(true));
        Assert.Equal(["a", "b"], form.Fields.Select(f => f.Key));
    }

    [Fact]
    public void Fields_are_all_fields_of_all_steps_in_order()
    {
        Assert.Equal(["has_dog", "dog_name", "colours", "red_note", "breed"], Dogs().Fields.Select(f => f.Key));
        Assert.Equal(["owner", "dog"], Dogs().Steps.Select(s => s.Key));
        Assert.Equal("Dog", Dogs().Steps[1].Title(true));
        Assert.Equal("犬", Dogs().Steps[1].Title(false));
    }

    [Fact]
    public void A_field_with_a_false_condition_is_hidden_and_a_true_one_shown()
    {
        var form = Dogs();
        var dogName = form.Fields[1];
        Assert.False(form.IsVisible(dogName, A(("has_dog", "no"))));
        Assert.False(form.IsVisible(dogName, A()));
        Assert.True(form.IsVisible(dogName, A(("has_dog", "yes"))));
        Assert.True(form.IsVisible(dogName, A(("has_dog", " yes "))));
        Assert.True(form.IsVisible(form.Fields[0], A()));
    }

    [Fact]
    public void A_step_condition_hides_the_step_and_its_fields()
    {
        var form = Dogs();
        Assert.False(form.IsVisible(form.Steps[1], A(("has_dog", "no"))));
        Assert.False(form.IsVisible(form.Fields[4], A(("has_dog", "no"))));
        Assert.True(form.IsVisible(form.Steps[1], A(("has_dog", "yes"))));
        Assert.True(form.IsVisible(form.Fields[4], A(("has_dog", "yes"))));
    }

    [Fact]
    public void A_condition_on_a_hidden_field_is_false_so_chains_hide()
    {
        var form = Dogs();
        var redNote = form.Fields[3];
        // colours still says red, but colours itself is hidden (no dog) → red_note hidden too.
        Assert.False(form.IsVisible(redNote, A(("has_dog", "no"), ("colours", "red"))));
        Assert.True(form.IsVisible(redNote, A(("has_dog", "yes"), ("colours", "red"))));
    }

    [Fact]
    public void Multiple_choice_conditions_match_any_selected_value()
    {
        var form = Dogs();
        var redNote = form.Fields[3];
        Assert.True(form.IsVisible(redNote, A(("has_dog", "yes"), ("colours", "blue\nred"))));
        Assert.False(form.IsVisible(redNote, A(("has_dog", "yes"), ("colours", "blue\ngreen"))));
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, new[] { "a" }, "a", true)]
    [InlineData(ConditionOperator.Equals, new[] { "a" }, "b", false)]
    [InlineData(ConditionOperator.Equals, new[] { "a" }, "", false)]
    [InlineData(ConditionOperator.NotEquals, new[] { "a" }, "b", true)]
    [InlineData(ConditionOperator.NotEquals, new[] { "a" }, "a", false)]
    [InlineData(ConditionOperator.NotEquals, new[] { "a" }, "", true)]
    [InlineData(ConditionOperator.OneOf, new[] { "a", "b" }, "b", true)]
    [InlineData(ConditionOperator.OneOf, new[] { "a", "b" }, "c", false)]
    [InlineData(ConditionOperator.OneOf, new string[0], "a", false)]
    [InlineData(ConditionOperator.Equals, new string[0], "a", false)]
    public void Operators_compare_the_trimmed_answer(ConditionOperator op, string[] values, string answer, bool visible)
    {
        var form = new FormDefinition(
        [
            new FormField("kind", FieldType.SingleChoice, "種別", "Kind", Options: [new("a", "甲", "A"), new("b", "乙", "B"), new("c", "丙", "C")]),
            new FormField("detail", FieldType.ShortText, "詳細", "Detail", ShowWhen: new("kind", op, values)),
        ]);
        Assert.Equal(visible, form.IsVisible(form.Fields[1], A(("kind", answer))));
    }

    [Fact]
    public void A_condition_on_a_missing_field_is_false()
    {
        var form = new FormDefinition([new FormField("x", FieldType.ShortText, "X", "X", ShowWhen: new("nowhere", ConditionOperator.NotEquals, ["a"]))]);
        Assert.False(form.IsVisible(form.Fields[0], A()));
    }

    [Fact]
    public void A_cyclic_rule_does_not_loop_and_is_hidden()
    {
        var form = new FormDefinition(
        [
            new FormField("a", FieldType.YesNo, "A", "A", ShowWhen: new("b", ConditionOperator.NotEquals, ["x"])),
            new FormField("b", FieldType.YesNo, "B", "B", ShowWhen: new("a", ConditionOperator.NotEquals, ["x"])),
        ]);
        Assert.False(form.IsVisible(form.Fields[0], A()));
        Assert.True(form.Validate(A(("a", "yes"), ("b", "yes"))).IsValid);
        Assert.Empty(form.Validate(A(("a", "yes"), ("b", "yes"))).Answers);
    }

    [Fact]
    public void Hidden_fields_are_not_validated_and_their_posted_answers_dropped()
    {
        var result = Dogs().Validate(A(("has_dog", "no"), ("dog_name", "ポチ"), ("colours", "nonsense"), ("red_note", "x"), ("breed", "")));
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.FieldKey + ":" + e.Code)));
        Assert.Equal(["has_dog"], result.Answers.Keys);
    }

    [Fact]
    public void Visible_fields_are_validated_and_stored()
    {
        var result = Dogs().Validate(A(("has_dog", "yes"), ("dog_name", ""), ("colours", "red"), ("red_note", "明るい"), ("breed", "柴")));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("dog_name", "Form.Required"), (error.FieldKey, error.Code));
        Assert.Equal("明るい", result.Answers["red_note"]);
        Assert.Equal("柴", result.Answers["breed"]);
    }

    [Fact]
    public void A_field_not_in_the_form_is_judged_by_its_own_condition()
    {
        var form = Dogs();
        var stranger = new FormField("z", FieldType.ShortText, "Z", "Z", ShowWhen: new("has_dog", ConditionOperator.IsYes));
        Assert.True(form.IsVisible(stranger, A(("has_dog", "yes"))));
        Assert.False(form.IsVisible(stranger, A(("has_dog", "no"))));
    }
}
