using Microsoft.Extensions.Time.Testing;
using Moq;
using Pilito.Application.Admin.Audit;
using Pilito.Application.Common.Ports;
using Pilito.Application.Diagnostics.TestSms;
using Pilito.Application.Tests.Support;
using Pilito.Domain.Audit;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Diagnostics;

public sealed class TestSmsHandlerTests
{
    private static readonly SmsTestAttempt Sent = new("sms/send", true, 200, 200, "Approved (200)", "تایید شد", "8792344", 120, TimeSpan.FromMilliseconds(80));
    private static readonly SmsTestAttempt Refused = new("verify/lookup", false, 424, 424, "Template not found (424)", "خطا", null, null, TimeSpan.FromMilliseconds(60));

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private Mock<ISmsDiagnostics> _sms = null!;
    private InMemoryStaffAuditLog _audit = null!;
    private PhoneNumber? _receptor;
    private SmsTestMethod? _method;
    private string? _message;

    [SetUp]
    public void SetUp()
    {
        _receptor = null;
        _method = null;
        _message = null;
        _audit = new InMemoryStaffAuditLog();
        _sms = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        _sms.SetupGet(s => s.Provider).Returns("Kavenegar");
        _sms.Setup(s => s.SendTestAsync(It.IsAny<PhoneNumber>(), It.IsAny<SmsTestMethod>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((PhoneNumber receptor, SmsTestMethod method, string? message, CancellationToken _) =>
            {
                _receptor = receptor;
                _method = method;
                _message = message;
            })
            .ReturnsAsync([Sent]);
    }

    [TestCase(null, SmsTestMethod.Send)]
    [TestCase("send", SmsTestMethod.Send)]
    [TestCase("lookup", SmsTestMethod.Lookup)]
    [TestCase("LOOKUP", SmsTestMethod.Lookup)]
    [TestCase("Both", SmsTestMethod.Both)]
    public async Task Method_is_read_case_insensitively_and_defaults_to_send(string? typed, SmsTestMethod expected)
    {
        await Handler().Handle(new TestSmsCommand("09123456789", typed, null), CancellationToken.None);

        Assert.That(_method, Is.EqualTo(expected));
    }

    [TestCase("09123456789")]
    [TestCase("+989123456789")]
    [TestCase("00989123456789")]
    [TestCase("۰۹۱۲۳۴۵۶۷۸۹", TestName = "{m}(Persian digits)")]
    public async Task Receptor_is_normalized_before_sending(string typed)
    {
        await Handler().Handle(new TestSmsCommand(typed, "send", null), CancellationToken.None);

        Assert.That(_receptor?.E164, Is.EqualTo("+989123456789"));
    }

    [Test]
    public async Task Test_sms_from_the_admin_page_is_recorded_with_the_receptor_masked()
    {
        var actor = new StaffActor(Guid.Parse("0195a0a0-0000-7000-8000-000000000003"), "admin@pilito.test", "198.51.100.9");

        await Handler().Handle(new TestSmsCommand("09123456789", "send", null, actor), CancellationToken.None);

        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.StaffId, entry.StaffEmail, entry.ClientAddress, entry.OccurredAt),
            Is.EqualTo((StaffAuditAction.TestSms, actor.StaffId, "admin@pilito.test", "198.51.100.9", Now)));
        Assert.That(entry.Target, Is.EqualTo("+98912****789"));
    }

    [Test]
    public async Task Test_sms_from_the_command_line_has_no_staff_member_and_records_nothing()
    {
        await Handler().Handle(new TestSmsCommand("09123456789", "send", null), CancellationToken.None);

        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task Message_is_passed_on()
    {
        await Handler().Handle(new TestSmsCommand("09123456789", "send", "سلام"), CancellationToken.None);

        Assert.That(_message, Is.EqualTo("سلام"));
    }

    [Test]
    public async Task Every_attempt_is_reported()
    {
        _sms.Setup(s => s.SendTestAsync(It.IsAny<PhoneNumber>(), SmsTestMethod.Both, null, It.IsAny<CancellationToken>())).ReturnsAsync([Sent, Refused]);

        var result = await Handler().Handle(new TestSmsCommand("09123456789", "both", null), CancellationToken.None);

        Assert.That(result.Attempts, Is.EqualTo(new[] { Sent, Refused }));
        Assert.That(result.AllSucceeded, Is.False);
    }

    [Test]
    public async Task All_succeeded_when_every_attempt_did()
    {
        var result = await Handler().Handle(new TestSmsCommand("09123456789", "send", null), CancellationToken.None);

        Assert.That(result.AllSucceeded, Is.True);
    }

    [Test]
    public void No_attempt_is_not_a_success()
    {
        Assert.That(new TestSmsResult([]).AllSucceeded, Is.False);
    }

    [TestCase("send", true)]
    [TestCase("Lookup", true)]
    [TestCase("BOTH", true)]
    [TestCase("fax", false)]
    [TestCase("", false)]
    [TestCase("0", false)]
    [TestCase("2", false)]
    [TestCase("7", false)]
    public void Only_the_three_method_names_parse(string typed, bool parses)
    {
        Assert.That(TestSmsHandler.TryParseMethod(typed, out _), Is.EqualTo(parses));
    }

    [Test]
    public async Task A_named_provider_gets_the_test_and_none_named_the_first_listed()
    {
        var smsIr = new Mock<ISmsDiagnostics>(MockBehavior.Strict);
        smsIr.SetupGet(s => s.Provider).Returns("SmsIr");
        smsIr.Setup(s => s.SendTestAsync(It.IsAny<PhoneNumber>(), It.IsAny<SmsTestMethod>(), null, It.IsAny<CancellationToken>())).ReturnsAsync([Refused]);
        var handler = new TestSmsHandler([_sms.Object, smsIr.Object], SmsAccountsInOrder.Named("SmsIr", "Kavenegar"), _audit.Recorder(new FakeTimeProvider(Now)));

        var byDefault = await handler.Handle(new TestSmsCommand("09123456789", null, null), CancellationToken.None);
        var named = await handler.Handle(new TestSmsCommand("09123456789", null, null, Provider: "kavenegar"), CancellationToken.None);

        Assert.That(byDefault.Provider, Is.EqualTo("SmsIr"), "the first of Sms:Providers");
        Assert.That(byDefault.Attempts, Is.EqualTo(new[] { Refused }));
        Assert.That(named.Provider, Is.EqualTo("Kavenegar"));
        Assert.That(named.Attempts, Is.EqualTo(new[] { Sent }));
    }

    [Test]
    public async Task With_the_Log_sender_the_test_goes_to_Kavenegar()
    {
        var handler = new TestSmsHandler([_sms.Object], SmsAccountsInOrder.Named(), _audit.Recorder(new FakeTimeProvider(Now)));

        var result = await handler.Handle(new TestSmsCommand("09123456789", null, null), CancellationToken.None);

        Assert.That(result.Provider, Is.EqualTo("Kavenegar"));
    }

    private TestSmsHandler Handler() => new([_sms.Object], SmsAccountsInOrder.Named("Kavenegar"), _audit.Recorder(new FakeTimeProvider(Now)));

}
