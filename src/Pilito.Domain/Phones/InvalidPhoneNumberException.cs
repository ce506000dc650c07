using Pilito.Domain.Common;

namespace Pilito.Domain.Phones;

public sealed class InvalidPhoneNumberException : DomainException
{
    public InvalidPhoneNumberException()
        : base("The value is not a valid Iranian mobile number.")
    {
    }

    public InvalidPhoneNumberException(string message)
        : base(message)
    {
    }

    public InvalidPhoneNumberException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
