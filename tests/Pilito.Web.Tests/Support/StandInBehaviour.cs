namespace Pilito.Web.Tests.Support;

/// <summary>How the stand-in answers a send or lookup to one receptor, beyond Kavenegar's normal rules.</summary>
public abstract record StandInBehaviour
{
    /// <summary>Answer with this return.status (and the same HTTP status, as Kavenegar's official clients expect).</summary>
    public sealed record Status(int Code) : StandInBehaviour;

    /// <summary>
    /// The receptor cannot take a voice call: call/maketts and verify/lookup with type=call answer 428 ("Voice-call
    /// delivery not possible"); SMS to it go through as usual.
    /// </summary>
    public sealed record NoVoiceCalls : StandInBehaviour;

    /// <summary>An HTML error page with HTTP 500, as a proxy in front of Kavenegar would give.</summary>
    public sealed record Html500 : StandInBehaviour;

    /// <summary>Never answer.</summary>
    public sealed record Hang : StandInBehaviour;

    /// <summary>Wait until the test opens the gate, then answer by Kavenegar's normal rules.</summary>
    public sealed record Gated(StandInGate Gate) : StandInBehaviour;

    /// <summary>HTTP 200 with JSON that is not Kavenegar's envelope.</summary>
    public sealed record WrongShape : StandInBehaviour;

    /// <summary>HTTP 200 with the envelope cut off mid-way: JSON that does not parse.</summary>
    public sealed record MalformedJson : StandInBehaviour;

    /// <summary>Exactly this HTTP status, Content-Type (none when null) and body, written as UTF-8 (a leading U+FEFF is a BOM).</summary>
    public sealed record Raw(int HttpStatus, string? ContentType, string Body) : StandInBehaviour
    {
        /// <summary>HTTP 200, application/json: the usual carrier of an odd envelope.</summary>
        public static Raw Json(string body) => new(200, "application/json; charset=utf-8", body);
    }
}
