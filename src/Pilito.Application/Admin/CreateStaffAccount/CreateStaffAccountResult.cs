namespace Pilito.Application.Admin.CreateStaffAccount;

public enum CreateStaffAccountOutcome
{
    Created,
    AlreadyExists,

    /// <summary>Identity refused it, e.g. the password is too weak; see the errors.</summary>
    Refused,
}

public sealed record CreateStaffAccountResult(CreateStaffAccountOutcome Outcome, IReadOnlyList<string> Errors)
{
    public static CreateStaffAccountResult Created { get; } = new(CreateStaffAccountOutcome.Created, []);

    public static CreateStaffAccountResult AlreadyExists { get; } = new(CreateStaffAccountOutcome.AlreadyExists, []);
}
