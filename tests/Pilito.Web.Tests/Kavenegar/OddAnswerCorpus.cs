using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Kavenegar;

/// <summary>
/// Kavenegar answers of shapes its documentation does not promise, each with the reason Pilito must give. The
/// reasons never echo the body: it is the provider's text, not ours to show.
/// </summary>
public static class OddAnswerCorpus
{
    private const string Ok = """{"status":200,"message":"تایید شد"}""";

    public static string Unreadable(int http) => $"Kavenegar answered HTTP {http} with an unreadable body";

    public static string Shape(string problem) => $"Kavenegar answered HTTP 200 with an answer of an unexpected shape ({problem})";

    /// <summary>An approved envelope with these entries (raw JSON); null leaves the member out.</summary>
    public static StandInBehaviour.Raw Approved(string? entries) =>
        StandInBehaviour.Raw.Json(entries is null ? $$"""{"return":{{Ok}}}""" : $$"""{"return":{{Ok}},"entries":{{entries}}}""");

    private static StandInBehaviour.Raw Entry(string messageId) => Approved($$"""[{"messageid":{{messageId}},"status":5,"cost":120}]""");

    /// <summary>Answers to sms/send and verify/lookup: (name, answer, reason; null when the code counts as sent, Kavenegar status when it refused).</summary>
    public static IEnumerable<(string Name, StandInBehaviour.Raw Answer, string? Reason, int? Status)> Sends()
    {
        var noId = Shape("messageid is not a positive whole number");
        yield return ("entries [1]", Approved("[1]"), Shape("entries[0] is not an object"), null);
        yield return ("entries [null]", Approved("[null]"), Shape("entries[0] is not an object"), null);
        yield return ("entries [\"x\"]", Approved("""["x"]"""), Shape("entries[0] is not an object"), null);
        yield return ("entries \"x\"", Approved("\"x\""), Shape("entries is not a list"), null);
        yield return ("entries 7", Approved("7"), Shape("entries is not a list"), null);
        yield return ("entries []", Approved("[]"), Shape("empty entries"), null);
        yield return ("entries null", Approved("null"), Shape("no entries"), null);
        yield return ("entries missing", Approved(null), Shape("no entries"), null);
        yield return ("messageid 1.5", Entry("1.5"), noId, null);
        yield return ("messageid \"abc\"", Entry("\"abc\""), noId, null);
        yield return ("messageid -5", Entry("-5"), noId, null);
        yield return ("messageid 0", Entry("0"), noId, null);
        yield return ("messageid 1e30", Entry("1e30"), noId, null);
        yield return ("messageid past long", Entry("99999999999999999999"), noId, null);
        yield return ("messageid null", Entry("null"), noId, null);
        yield return ("messageid object", Entry("""{"id":1}"""), noId, null);
        yield return ("messageid missing", Approved("""[{"status":5}]"""), noId, null);
        yield return ("return.status \"200\"", StandInBehaviour.Raw.Json("""{"return":{"status":"200","message":"ok"},"entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("return.status 200.5", StandInBehaviour.Raw.Json("""{"return":{"status":200.5},"entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("return.status past int", StandInBehaviour.Raw.Json("""{"return":{"status":99999999999},"entries":[]}"""), Unreadable(200), null);
        yield return ("return.status missing", StandInBehaviour.Raw.Json("""{"return":{"message":"ok"},"entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("return missing", StandInBehaviour.Raw.Json("""{"entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("return a string", StandInBehaviour.Raw.Json("""{"return":"200","entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("empty body", StandInBehaviour.Raw.Json(""), Unreadable(200), null);
        yield return ("whitespace body", StandInBehaviour.Raw.Json(" \r\n\t "), Unreadable(200), null);
        yield return ("null", StandInBehaviour.Raw.Json("null"), Unreadable(200), null);
        yield return ("[]", StandInBehaviour.Raw.Json("[]"), Unreadable(200), null);
        yield return ("truncated JSON", StandInBehaviour.Raw.Json("""{"return":{"status":200,"message":"تایید شد"},"entries":[{"messageid":87"""), Unreadable(200), null);
        yield return ("BOM then truncated JSON", StandInBehaviour.Raw.Json("\uFEFF{\"return\":{\"status\":200"), Unreadable(200), null);
        yield return ("nested 200 deep", Approved(new string('[', 200) + new string(']', 200)), Unreadable(200), null);
        yield return ("HTML with 200", new(200, "text/html", "<html><body>Service temporarily unavailable</body></html>"), Unreadable(200), null);
        yield return ("text/plain 200", new(200, "text/plain", "OK"), Unreadable(200), null);
        yield return ("no content-type", new(200, null, "OK"), Unreadable(200), null);
        yield return ("unknown charset", new(200, "application/json; charset=klingon", """{"return":{"status":200},"entries":[{"messageid":1}]}"""), Unreadable(200), null);
        yield return ("2 MB body", Approved("[{\"messageid\":1,\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}]"), "Kavenegar answered HTTP 200 with an oversized body", null);
        yield return ("HTTP 500 empty text", new(500, "text/plain", ""), Unreadable(500), null);
        yield return ("HTTP 200, return.status 500", StandInBehaviour.Raw.Json("""{"return":{"status":500,"message":"x"},"entries":null}"""), "Unknown Kavenegar status 500 (500)", 500);
        yield return ("return.status 0", StandInBehaviour.Raw.Json("""{"return":{"status":0,"message":"x"},"entries":null}"""), "Unknown Kavenegar status 0 (0)", 0);
        yield return ("return.status -1", StandInBehaviour.Raw.Json("""{"return":{"status":-1,"message":"x"},"entries":null}"""), "Unknown Kavenegar status -1 (-1)", -1);
        // Odd but usable: the code went out, and the answer says so.
        yield return ("BOM then a good envelope", StandInBehaviour.Raw.Json("\uFEFF" + Approved("""[{"messageid":4242}]""").Body), null, null);
        yield return ("messageid as digits", Entry("\"4343\""), null, null);
        yield return ("entries an object", Approved("""{"messageid":4444,"status":5}"""), null, null);
        yield return ("message a number", StandInBehaviour.Raw.Json("""{"return":{"status":200,"message":5},"entries":[{"messageid":4545}]}"""), null, null);
    }

    /// <summary>Answers to account/info: (name, answer, readiness entry status, its description).</summary>
    public static IEnumerable<(string Name, StandInBehaviour.Raw Answer, string Health, string Description)> AccountInfo()
    {
        var notWhole = "credit unknown: " + Shape("remaincredit is not a whole number of Rial");
        yield return ("remaincredit \"125000\"", Approved("""{"remaincredit":"125000","expiredate":1893456000}"""), "Degraded", notWhole);
        yield return ("remaincredit \"NaN\"", Approved("""{"remaincredit":"NaN"}"""), "Degraded", notWhole);
        yield return ("remaincredit 1.5", Approved("""{"remaincredit":1.5}"""), "Degraded", notWhole);
        yield return ("remaincredit -5", Approved("""{"remaincredit":-5}"""), "Degraded", notWhole);
        yield return ("remaincredit 1e300", Approved("""{"remaincredit":1e300}"""), "Degraded", notWhole);
        yield return ("remaincredit past long", Approved("""{"remaincredit":99999999999999999999}"""), "Degraded", notWhole);
        yield return ("remaincredit object", Approved("""{"remaincredit":{"rial":1}}"""), "Degraded", notWhole);
        yield return ("remaincredit true", Approved("""{"remaincredit":true}"""), "Degraded", notWhole);
        yield return ("remaincredit null", Approved("""{"remaincredit":null}"""), "Degraded", "credit unknown: account/info had no remaincredit");
        yield return ("remaincredit missing", Approved("""{"type":"Master"}"""), "Degraded", "credit unknown: account/info had no remaincredit");
        yield return ("entries [credit]", Approved("""[{"remaincredit":1000000}]"""), "Degraded", "credit unknown: " + Shape("entries is not an object"));
        yield return ("entries null", Approved("null"), "Degraded", "credit unknown: " + Shape("entries is not an object"));
        yield return ("return.status \"200\"", StandInBehaviour.Raw.Json("""{"return":{"status":"200"},"entries":{"remaincredit":1000000}}"""), "Degraded", "credit unknown: " + Unreadable(200));
        yield return ("HTML with 200", new(200, "text/html", "<html>maintenance</html>"), "Degraded", "credit unknown: " + Unreadable(200));
        yield return ("empty body", StandInBehaviour.Raw.Json(""), "Degraded", "credit unknown: " + Unreadable(200));
        // A good credit with an expiry that is not a date still judges by the credit.
        yield return ("expiredate \"abc\"", Approved("""{"remaincredit":1000000,"expiredate":"abc"}"""), "Healthy", "1,000,000 Rial left");
        yield return ("expiredate past year 9999", Approved("""{"remaincredit":1000000,"expiredate":999999999999999}"""), "Healthy", "1,000,000 Rial left");
    }

    /// <summary>Answers to sms/status: (name, answer, the text the admin's check shows).</summary>
    public static IEnumerable<(string Name, StandInBehaviour.Raw Answer, string Text)> Status()
    {
        var noStatus = Shape("no whole-number status in entries[0]");
        yield return ("entries [1]", Approved("[1]"), noStatus);
        yield return ("entries []", Approved("[]"), noStatus);
        yield return ("entries \"x\"", Approved("\"x\""), noStatus);
        yield return ("entries null", Approved("null"), noStatus);
        yield return ("status \"abc\"", Approved("""[{"messageid":1,"status":"abc"}]"""), noStatus);
        yield return ("status 1.5", Approved("""[{"messageid":1,"status":1.5}]"""), noStatus);
        yield return ("status past int", Approved("""[{"messageid":1,"status":99999999999}]"""), noStatus);
        yield return ("status missing", Approved("""[{"messageid":1}]"""), noStatus);
        yield return ("return.status \"200\"", StandInBehaviour.Raw.Json("""{"return":{"status":"200"},"entries":[{"status":10}]}"""), "Kavenegar gave no status: " + Unreadable(200));
        yield return ("HTML with 200", new(200, "text/html", "<html>oops</html>"), "Kavenegar gave no status: " + Unreadable(200));
        yield return ("truncated JSON", StandInBehaviour.Raw.Json("""{"return":{"status":200},"entries":[{"sta"""), "Kavenegar gave no status: " + Unreadable(200));
        yield return ("HTTP 200, return.status 500", StandInBehaviour.Raw.Json("""{"return":{"status":500},"entries":null}"""), "Kavenegar gave no status: Unknown Kavenegar status 500 (500)");
    }
}
