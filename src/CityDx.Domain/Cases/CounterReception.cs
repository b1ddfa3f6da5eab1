using CityDx.Domain.Procedures;

namespace CityDx.Domain.Cases;

/// <summary>本人確認: how staff checked who the visitor (or the sender of a postal application) is.</summary>
public enum IdentityCheck
{
    /// <summary>マイナンバーカード.</summary>
    MyNumberCard = 1,

    /// <summary>運転免許証.</summary>
    DriversLicence = 2,

    /// <summary>パスポート.</summary>
    Passport = 3,

    /// <summary>健康保険証等 (documents without a photo, usually two of them).</summary>
    HealthInsurance = 4,

    /// <summary>郵送: a copy of an identity document enclosed with the application.</summary>
    MailCopy = 5,

    /// <summary>その他: the note says what.</summary>
    Other = 6,
}

/// <summary>
/// The visitor of a counter or postal filing who has no account: who they are and how to reach
/// them (phone, postal address and email each optional).
/// </summary>
public sealed record VisitorDetails(string Name, string NameKana, string? Phone, string? PostalCode, string? Address, string? Email);

/// <summary>
/// 窓口代行申請: a case that staff filed on a visitor's behalf, at a ward counter (窓口) or from a paper
/// application received by post (郵送). Kept beside the case rather than on it: who filed it, at which
/// unit, how identity was checked, and — when the visitor has no account — their name and contact.
/// The submission key makes a repeated submit find the case already filed.
/// </summary>
public class CounterReception
{
    public const int MaxNoteLength = 200;

    private CounterReception() { }

    public Guid CaseId { get; private set; }

    /// <summary>Key of the counter form: a double click or a retried POST files once.</summary>
    public Guid SubmissionKey { get; private set; }

    /// <summary>The staff member who filed it (also the actor of the case's first history entry).</summary>
    public string FiledByUserId { get; private set; } = "";

    /// <summary>The unit whose counter (or post room) received it; one of the filer's units.</summary>
    public Guid ReceivingUnitId { get; private set; }

    public Channel Channel { get; private set; }
    public IdentityCheck IdentityCheck { get; private set; }
    public string? IdentityNote { get; private set; }

    /// <summary>The visitor's details when they have no account (null when the case is on an account).</summary>
    public string? VisitorName { get; private set; }

    public string? VisitorNameKana { get; private set; }
    public string? VisitorPhone { get; private set; }
    public string? VisitorPostalCode { get; private set; }
    public string? VisitorAddress { get; private set; }
    public string? VisitorEmail { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }

    public VisitorDetails? Visitor => VisitorName is null
        ? null
        : new VisitorDetails(VisitorName, VisitorNameKana ?? "", VisitorPhone, VisitorPostalCode, VisitorAddress, VisitorEmail);

    /// <summary>
    /// The rules of a counter filing, as (input, code) pairs, empty when it may be filed: the procedure
    /// must offer the channel (窓口 or 郵送 — never online), the identity check is required, a copy sent by
    /// post goes only with the mail channel and a document shown in person only with the counter, and
    /// "other" needs a note saying what was checked.
    /// </summary>
    public static IReadOnlyList<(string Input, string Code)> Check(ChannelSet offered, Channel? channel, IdentityCheck? identity, string? note)
    {
        var problems = new List<(string, string)>();
        if (channel is not (Channel.Counter or Channel.Mail))
        {
            problems.Add(("Channel", "Counter.ChannelRequired"));
        }
        else if (!offered.HasFlag(channel == Channel.Counter ? ChannelSet.Counter : ChannelSet.Mail))
        {
            problems.Add(("Channel", "Counter.ChannelNotOffered"));
        }

        if (identity is null || !Enum.IsDefined(identity.Value))
        {
            problems.Add(("IdentityCheck", "Counter.IdentityRequired"));
        }
        else if (channel == Channel.Counter && identity == IdentityCheck.MailCopy)
        {
            problems.Add(("IdentityCheck", "Counter.MailCopyNotAtCounter"));
        }
        else if (channel == Channel.Mail && identity is not (IdentityCheck.MailCopy or IdentityCheck.Other))
        {
            problems.Add(("IdentityCheck", "Counter.MailNeedsCopy"));
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (identity == IdentityCheck.Other && note is null)
        {
            problems.Add(("IdentityNote", "Counter.IdentityNoteRequired"));
        }
        else if (note?.Length > MaxNoteLength)
        {
            problems.Add(("IdentityNote", "Counter.IdentityNoteTooLong"));
        }

        return problems;
    }

    /// <summary>Records the counter details of a case just filed; throws when <see cref="Check"/> would refuse them.</summary>
    public static CounterReception Record(Case filed, ChannelSet offered, Guid submissionKey, string filedByUserId, Guid receivingUnitId,
        IdentityCheck identity, string? note, VisitorDetails? visitor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filed);
        ArgumentException.ThrowIfNullOrWhiteSpace(filedByUserId);
        if (Check(offered, filed.Channel, identity, note) is [var first, ..])
        {
            throw new DomainRuleException(first.Code, $"The counter filing breaks {first.Code}.");
        }

        if ((visitor is null) == (filed.ApplicantUserId is null))
        {
            throw new DomainRuleException("Counter.VisitorOrAccount", "A counter filing is either on the visitor's account or records the visitor's details, not both or neither.");
        }

        return new CounterReception
        {
            CaseId = filed.Id,
            SubmissionKey = submissionKey,
            FiledByUserId = filedByUserId,
            ReceivingUnitId = receivingUnitId,
            Channel = filed.Channel,
            IdentityCheck = identity,
            IdentityNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            VisitorName = visitor?.Name,
            VisitorNameKana = visitor?.NameKana,
            VisitorPhone = visitor?.Phone,
            VisitorPostalCode = visitor?.PostalCode,
            VisitorAddress = visitor?.Address,
            VisitorEmail = visitor?.Email,
            FiledAt = now,
        };
    }
}
