namespace Pilito.Domain.Common;

/// <summary>A rule of the domain was broken by the caller; never carries secrets.</summary>
public class DomainException : Exception
{
    public DomainException()
    {
    }

    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
