using Pilito.Application.Common.Ports;
using Pilito.Domain.Phones;

namespace Pilito.Application.Tests.Support;

/// <summary>A phone account as <see cref="InMemoryOtpStore"/> keeps it; tests lock it by setting <see cref="IsLocked"/>.</summary>
public sealed class InMemoryAccount(Guid id, PhoneNumber phone, DateTimeOffset joinedAt)
{
    public Guid Id { get; } = id;

    /// <summary>The account's number; a committed phone change moves it.</summary>
    public PhoneNumber Phone { get; internal set; } = phone;

    public DateTimeOffset JoinedAt { get; } = joinedAt;

    /// <summary>Staff locked it (in the database: a lockout end in the future).</summary>
    public bool IsLocked { get; set; }

    public DateTimeOffset? LastSignInAt { get; internal set; }

    /// <summary>What a write's transaction sees: the account as the API knows it.</summary>
    public UserAccount ToAccount() => new(Id, Phone.E164, JoinedAt, IsLocked);
}
