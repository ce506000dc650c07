namespace Pilito.Application.Common.Errors;

public sealed class DeliveryNotTrackableException()
    : PilitoException("This message cannot be tracked: it has no provider message id, or its provider has no status lookup.");
