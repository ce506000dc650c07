using System.Data.Common;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>The process is shutting down and takes no more writes; a database fault to the caller (503, try again).</summary>
public sealed class WriterStoppedException() : DbException("The database writer of this instance has stopped: it is shutting down.");
