namespace Pilito.Application.Common.Errors;

/// <summary>An expected refusal that the API turns into a documented 4xx/5xx answer. Messages never carry secrets.</summary>
public abstract class PilitoException : Exception
{
    protected PilitoException(string message)
        : base(message)
    {
    }
}
